/// Which limit stopped a job.
public enum LimitKind: String, Codable, Sendable, CaseIterable {
  /// `maxCostUSD`.
  case cost
  /// `maxTokens`.
  case tokens
  /// `maxActions`.
  case actions
  /// `maxPhaseRuns`.
  case phaseRuns
  /// `maxWallSeconds`.
  case wallTime
  /// `noProgressRuns`.
  case noProgress
  /// Not a budget: `ledger.jsonl` no longer matches the manifest's `ledger` seal (tampered with).
  case ledger

  /// The manifest key of the limit.
  public var key: String {
    switch self {
    case .cost: return "maxCostUSD"
    case .tokens: return "maxTokens"
    case .actions: return "maxActions"
    case .phaseRuns: return "maxPhaseRuns"
    case .wallTime: return "maxWallSeconds"
    case .noProgress: return "noProgressRuns"
    case .ledger: return "ledger"
    }
  }

  /// The `job limits` option that raises it by an amount, or sets it.
  public var raiseOption: String {
    switch self {
    case .cost: return "--add-cost"
    case .tokens: return "--add-tokens"
    case .actions: return "--add-actions"
    case .phaseRuns: return "--add-phase-runs"
    case .wallTime: return "--add-time"
    case .noProgress: return "--no-progress-runs"
    case .ledger: return "--accept-ledger"
    }
  }

  /// A value without its unit for counts (`2,340`), with it for money and time (`$0.0123`, `1m30s`).
  public func formatPlain(_ value: Double) -> String {
    switch self {
    case .cost, .wallTime: return format(value)
    default: return Amount.count(Int(value.rounded()))
    }
  }

  /// A value of this limit as people read it (`$1.20`, `12,000 tokens`, `90s`).
  public func format(_ value: Double) -> String {
    switch self {
    case .cost: return Amount.money(value)
    case .tokens: return Amount.count(Int(value.rounded())) + " tokens"
    case .actions: return Amount.count(Int(value.rounded())) + " actions"
    case .phaseRuns: return Amount.count(Int(value.rounded())) + " phase runs"
    case .wallTime: return Amount.seconds(value)
    case .noProgress: return Amount.count(Int(value.rounded())) + " unchanged runs"
    case .ledger: return Amount.count(Int(value.rounded())) + " ledger lines"
    }
  }
}
