import Foundation

/// Correction lines for a damaged ledger: what brings each run's lines back to the usage its history
/// entry recorded, and the whole file back to the recorded totals.
///
/// `job status` adds them in memory while the ledger is damaged (so breakdowns add up to the totals);
/// `job limits --accept-ledger` appends them to `ledger.jsonl` (cost source `correction`).
public enum LedgerCorrection {
  /// The lines to add to `file` (the readable lines of `job`'s ledger) so that each agent run sums to its
  /// history entry's usage and the whole to `recorded`'s totals; empty when nothing is missing.
  public static func records(job: Manifest, file: [LedgerRecord], recorded: LedgerSeal, time: Date) -> [LedgerRecord] {
    let byRun = Dictionary(grouping: file, by: \.runName)
    var result: [LedgerRecord] = []
    var last: (run: Int, name: String, phase: String, role: String)?
    var runs: [(run: Int, entry: HistoryEntry, missing: Usage, duration: Double)] = []
    for (index, entry) in job.history.enumerated() where entry.actor == .agent {
      guard let name = entry.run else { continue }
      let lines = byRun[name] ?? []
      last = (index + 1, name, entry.phase, entry.role)
      // A run whose closing line is gone lost its time: it gets a share of the missing time by its duration.
      let timeless = !lines.contains { $0.seconds > 0 }
      let duration = timeless ? max(0, entry.endedAt.timeIntervalSince(entry.startedAt)) : 0
      runs.append((index + 1, entry, difference(entry.usage, LedgerTotals(lines).usage), duration))
    }
    let missingSeconds = max(0, recorded.seconds - LedgerTotals(file).seconds)
    let durations = runs.reduce(0) { $0 + $1.duration }
    for run in runs {
      let share = durations > 0 ? missingSeconds * run.duration / durations : 0
      let seconds = (share * 1000).rounded() / 1000
      guard !isZero(run.missing) || seconds != 0, let name = run.entry.run else { continue }
      result.append(
        line(run.missing, seconds: seconds, run: run.run, name: name, run.entry.phase, run.entry.role, time))
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
