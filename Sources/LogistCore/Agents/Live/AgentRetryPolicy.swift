/// How often and how long to wait before retrying a transiently failed agent run.
public struct AgentRetryPolicy: Sendable, Equatable {
  /// Retries after the first try (so `retries + 1` tries in all).
  public var retries: Int
  /// Delay before the first retry, in seconds; doubled for each further one.
  public var baseSeconds: Double

  /// The role's settings, or the defaults (2 retries, 5 s).
  public init(_ provider: ProviderConfig) {
    retries = max(0, provider.retries ?? 2)
    baseSeconds = max(0, provider.retryBaseSeconds ?? 5)
  }

  /// The delay before retry number `retry` (1-based): `base × 2^(retry-1)`, times a jitter factor
  /// between 0.5 and 1.5 drawn from `random` (a number in 0..<1).
  public func delay(before retry: Int, random: Double = Double.random(in: 0..<1)) -> Double {
    let exponential = baseSeconds * Double(1 << min(max(retry - 1, 0), 16))
    return exponential * (0.5 + random)
  }
}
