import Foundation

/// One row of `job metrics`: a phase run as the ledger and the history record it.
public struct RunMetrics: Sendable, Encodable {
  /// Run number and directory name.
  public let run: Int
  public let runName: String
  /// Phase and role.
  public let phase: String
  public let role: String
  /// How the run ended (`COMPLETED`, `TIMEOUT`, …), or `RUNNING` while it runs.
  public let action: String
  /// Token buckets, actions, cost.
  public let inputTokens: Int
  public let outputTokens: Int
  public let cacheReadTokens: Int
  public let cacheWriteTokens: Int
  public let actions: Int
  public let costUSD: Double
  /// `reported`, `estimated`, `unknown`, or `mixed` when the run's lines differ.
  public let costSource: String
  /// Phase run time, in seconds.
  public let seconds: Double
  /// Whether a rewind superseded the run.
  public let superseded: Bool

  /// The rows of `job`, one per run that has ledger lines, in run order.
  public static func rows(job: Manifest, records: [LedgerRecord]) -> [RunMetrics] {
    let entries = Dictionary(job.history.compactMap { entry in entry.run.map { ($0, entry) } }) { first, _ in first }
    let sources = Dictionary(grouping: records.filter { !$0.usage.hasNoTokens || $0.costUSD != 0 }, by: \.runName)
      .mapValues { Set($0.map(\.cost.rawValue)) }
    return RunCost.runs(records).sorted { $0.run < $1.run }.map { cost in
      let entry = entries[cost.runName]
      let kinds = sources[cost.runName] ?? []
      return RunMetrics(
        run: cost.run, runName: cost.runName, phase: cost.phase, role: cost.role,
        action: entry?.action.rawValue ?? "RUNNING", inputTokens: cost.usage.inputTokens,
        outputTokens: cost.usage.outputTokens, cacheReadTokens: cost.usage.cacheReadTokens,
        cacheWriteTokens: cost.usage.cacheWriteTokens, actions: cost.usage.actions, costUSD: cost.usage.costUSD,
        costSource: kinds.count > 1 ? "mixed" : kinds.first ?? "none", seconds: cost.seconds,
        superseded: entry?.superseded ?? false)
    }
  }
}
