import Foundation

/// Correction lines for a damaged ledger: what brings each run's lines back to the usage its history
/// entry recorded, and the whole file back to the recorded totals.
///
/// `job status` adds them in memory while the ledger is damaged (so breakdowns add up to the totals);
/// `job limits --accept-ledger` appends them to `ledger.jsonl` (cost source `correction`).
public enum LedgerCorrection {
  /// The lines to add to `file` (the readable lines of `job`'s ledger) so that each agent run sums to its
  /// history entry's usage and the whole to `recorded`'s totals; empty when nothing is missing.
  public static func records(job: Manifest, file: [LedgerRecord], recorded: LedgerSeal, time: Date) -> [LedgerRecord]
  {
    let byRun = Dictionary(grouping: file, by: \.runName)
    var result: [LedgerRecord] = []
    var last: (run: Int, name: String, phase: String, role: String)?
    for (index, entry) in job.history.enumerated() where entry.actor == .agent {
      guard let name = entry.run else { continue }
      let lines = byRun[name] ?? []
      last = (index + 1, name, entry.phase, entry.role)
      let missing = difference(entry.usage, LedgerTotals(lines).usage)
      var seconds = 0.0
      if !lines.contains(where: { $0.seconds > 0 }) {
        seconds = max(0, (entry.endedAt.timeIntervalSince(entry.startedAt) * 1000).rounded() / 1000)
      }
      guard !isZero(missing) || seconds != 0 else { continue }
      result.append(line(missing, seconds: seconds, run: index + 1, name: name, entry.phase, entry.role, time))
    }
    if let lease = job.lease { last = (job.history.count + 1, lease.run, job.currentPhase, job.phase.role) }
    let sum = LedgerTotals(file + result)
    let rest = difference(recorded.usage, sum.usage)
    let seconds = ((recorded.seconds - sum.seconds) * 1000).rounded() / 1000
    if !isZero(rest) || seconds != 0 {
      let target = last ?? (0, "0000-ledger", job.currentPhase, job.phase.role)
      result.append(line(rest, seconds: seconds, run: target.run, name: target.name, target.phase, target.role, time))
    }
    return result
  }

  private static func line(
    _ usage: Usage, seconds: Double, run: Int, name: String, _ phase: String, _ role: String, _ time: Date
  ) -> LedgerRecord {
    LedgerRecord(
      time: time, run: run, runName: name, phase: phase, role: role, provider: "logist", model: nil,
      inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens, actions: usage.actions, costUSD: usage.costUSD, cost: .correction,
      seconds: seconds)
  }

  /// `lhs - rhs`, cost rounded as ``Usage`` rounds sums.
  static func difference(_ lhs: Usage, _ rhs: Usage) -> Usage {
    Usage(
      inputTokens: lhs.inputTokens - rhs.inputTokens, outputTokens: lhs.outputTokens - rhs.outputTokens,
      cacheReadTokens: lhs.cacheReadTokens - rhs.cacheReadTokens,
      cacheWriteTokens: lhs.cacheWriteTokens - rhs.cacheWriteTokens,
      costUSD: ((lhs.costUSD - rhs.costUSD) * 1e10).rounded() / 1e10, actions: lhs.actions - rhs.actions)
  }

  private static func isZero(_ usage: Usage) -> Bool {
    usage.inputTokens == 0 && usage.outputTokens == 0 && usage.cacheReadTokens == 0 && usage.cacheWriteTokens == 0
      && usage.actions == 0 && usage.costUSD == 0
  }
}
