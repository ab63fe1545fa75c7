/// Job limits. Accepted and validated now; enforced by the limits feature.
public struct Limits: Codable, Sendable, Equatable {
  /// Most the job may spend, in US dollars.
  public var maxCostUSD: Double?
  /// Most tokens (all buckets) the job may use.
  public var maxTokens: Int?
  /// Most agent actions the job may use.
  public var maxActions: Int?
  /// Most phase runs.
  public var maxPhaseRuns: Int?
  /// Most wall-clock seconds, counted over phase run time.
  public var maxWallSeconds: Double?
  /// Longest one phase may run.
  public var phaseTimeoutSeconds: Double?
  /// Fraction of a limit at which a warning is given (default 0.8).
  public var warnAt: Double?
  /// Consecutive unchanged runs of a phase that halt the job (default 3).
  public var noProgressRuns: Int?

  /// No limits.
  public init() {}
}
