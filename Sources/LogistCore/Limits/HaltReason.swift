import Foundation

/// Why a job is `halted`: which limit, its value, what was observed and projected, in which phase.
public struct HaltReason: Codable, Sendable, Equatable {
  /// The limit.
  public var kind: LimitKind
  /// Its value when the job halted.
  public var limit: Double
  /// What had been used (spent so far; for `noProgress`, the unchanged runs).
  public var observed: Double
  /// What the next phase was expected to use, when the halt came before it started.
  public var projected: Double?
  /// The phase that was stopped (or would have started).
  public var phase: String
  /// For `cost`: a model whose tokens have no price, so the spend is unknown.
  public var unpricedModel: String?
  /// For `ledger`: what changed in `ledger.jsonl` (`limit` is then the lines recorded at the last save,
  /// `observed` the complete lines the file holds).
  public var detail: String?

  /// Makes a reason.
  public init(kind: LimitKind, limit: Double, observed: Double, projected: Double? = nil, phase: String) {
    self.kind = kind
    self.limit = limit
    self.observed = observed
    self.projected = projected
    self.phase = phase
  }

  /// The halt of a tampered ledger in `phase`; `before`: found before the phase started (else after it ran).
  public static func ledger(_ damage: LedgerDamage, phase: String, before: Bool) -> HaltReason {
    var reason = HaltReason(
      kind: .ledger, limit: Double(damage.recordedLines), observed: Double(damage.lines),
      projected: before ? 0 : nil, phase: phase)
    reason.detail = damage.detail
    return reason
  }

  /// One sentence: what was reached and why the phase did not (or no longer) run.
  public var sentence: String {
    let limitText = kind.format(limit)
    if kind == .ledger {
      return "phase \(phase) \(projected == nil ? "stopped" : "was not started"): "
        + "\(detail ?? "ledger.jsonl no longer matches what was recorded"); the recorded totals stand"
    }
    if let unpricedModel {
      return "phase \(phase) \(projected == nil ? "stopped" : "was not started"): model \(unpricedModel) has no "
        + "price, so the spend against maxCostUSD \(limitText) is unknown; add it to pricing.json"
    }
    if kind == .noProgress {
      return "phase \(phase) ended \(Int(observed)) times in a row with the same action and an unchanged "
        + "workspace (noProgressRuns \(Int(limit)))"
    }
    if let projected {
      return "phase \(phase) was not started: \(kind.format(observed)) used + \(kind.format(projected)) "
        + "projected would exceed \(kind.key) \(limitText)"
    }
    return "phase \(phase) stopped: \(kind.format(observed)) used reached \(kind.key) \(limitText)"
  }

  /// The command that lifts the halt.
  public func liftCommand(job: String) -> String {
    switch kind {
    case .ledger:
      return "logist job limits \(job) --accept-ledger (keeps the recorded totals), then logist job run \(job)"
    case .noProgress:
      return "logist job limits \(job) --no-progress-runs \(Int(limit) + 2) (or change the strategy), "
        + "then logist job run \(job)"
    case .cost:
      let need = max(0.01, observed + (projected ?? 0) - limit)
      let cents = String(format: "%.2f", (need * 100).rounded(.up) / 100)
      return "logist job limits \(job) --add-cost \(cents), then logist job run \(job)"
    default:
      return "logist job limits \(job) \(kind.raiseOption) N, then logist job run \(job)"
    }
  }
}
