/// A key of `limits`, with how it is read from the command line and checked.
public enum LimitField: String, Sendable, CaseIterable {
  case maxCostUSD, maxTokens, maxActions, maxPhaseRuns, maxWallSeconds, phaseTimeoutSeconds, warnAt, noProgressRuns

  /// Whether the value is a whole number.
  public var isCount: Bool { [.maxTokens, .maxActions, .maxPhaseRuns, .noProgressRuns].contains(self) }

  /// Whether the value is a duration (`30m`).
  public var isDuration: Bool { self == .maxWallSeconds || self == .phaseTimeoutSeconds }

  /// The value in `limits`.
  public func value(in limits: Limits) -> Double? {
    switch self {
    case .maxCostUSD: return limits.maxCostUSD
    case .maxTokens: return limits.maxTokens.map(Double.init)
    case .maxActions: return limits.maxActions.map(Double.init)
    case .maxPhaseRuns: return limits.maxPhaseRuns.map(Double.init)
    case .maxWallSeconds: return limits.maxWallSeconds
    case .phaseTimeoutSeconds: return limits.phaseTimeoutSeconds
    case .warnAt: return limits.warnAt
    case .noProgressRuns: return limits.noProgressRuns.map(Double.init)
    }
  }

  /// Sets (or clears, with nil) the value in `limits`.
  public func set(_ value: Double?, in limits: inout Limits) {
    let count = value.map { Int($0.rounded()) }
    switch self {
    case .maxCostUSD: limits.maxCostUSD = value
    case .maxTokens: limits.maxTokens = count
    case .maxActions: limits.maxActions = count
    case .maxPhaseRuns: limits.maxPhaseRuns = count
    case .maxWallSeconds: limits.maxWallSeconds = value
    case .phaseTimeoutSeconds: limits.phaseTimeoutSeconds = value
    case .warnAt: limits.warnAt = value
    case .noProgressRuns: limits.noProgressRuns = count
    }
  }

  /// Why `value` is not allowed, if it is not.
  public func problem(_ value: Double) -> String? {
    guard value.isFinite else { return "must be a finite number" }
    switch self {
    case .warnAt: return value > 0 && value <= 1 ? nil : "must be a fraction above 0 and at most 1 (e.g. 0.8)"
    case _ where isCount:
      return value >= 1 && value == value.rounded() && value < 1e15 ? nil : "must be a whole number of at least 1"
    default: return value > 0 ? nil : "must be more than 0"
    }
  }

  /// A value as people read it.
  public func format(_ value: Double) -> String {
    switch self {
    case .maxCostUSD: return Amount.money(value)
    case .maxWallSeconds, .phaseTimeoutSeconds: return Amount.seconds(value)
    case .warnAt: return String(format: "%g", value)
    default: return Amount.count(Int(value.rounded()))
    }
  }
}
