import Foundation

/// `job validate`: the ledger must match the seal in the manifest, and the usage cached in the manifest's
/// history must equal the sums of the ledger.
public enum LedgerAudit {
  /// Every disagreement between `job` and `ledger`, one line each naming the run.
  public static func problems(_ job: Manifest, ledger: Ledger) -> [String] {
    let file = ledger.url.path
    let read: LedgerBooks
    do throws(LogistError) {
      read = try LedgerBooks.read(ledger, job: job)
    } catch {
      return [error.message]
    }
    if let damage = read.damage {
      return [
        "\(file): tampered with: \(damage.detail); the recorded totals (\(describe(read.totals.usage))) stand: "
          + "`logist job limits \(job.id) --accept-ledger` appends corrections and re-seals it"
      ]
    }
    guard FileManager.default.fileExists(atPath: file) else { return [] }
    var problems = read.skipped.map { "\(file): line \($0) is not a ledger record (torn by a crash?)" }
    if job.ledger != nil, !same(read.fileTotals.usage, read.totals.usage) {
      problems.append(
        "\(file): its lines sum to \(describe(read.fileTotals.usage)) but job.json's ledger seal records "
          + "\(describe(read.totals.usage))")
    }
    let byRun = Dictionary(grouping: read.records, by: \.runName).mapValues { LedgerTotals($0).usage }
    var seen = Set<String>()
    for (index, entry) in job.history.enumerated() where entry.actor == .agent {
      guard let run = entry.run else { continue }
      seen.insert(run)
      let spent = byRun[run] ?? .zero
      if !same(spent, entry.usage) {
        problems.append(
          "\(file): run \(run) sums to \(describe(spent)) but history[\(index)].usage says \(describe(entry.usage)); "
            + "the ledger is the record: fix the manifest's usage")
      }
    }
    for run in byRun.keys.sorted() where !seen.contains(run) && run != job.lease?.run {
      problems.append("\(file): run \(run) has ledger lines but no history entry in job.json")
    }
    return problems
  }

  private static func same(_ lhs: Usage, _ rhs: Usage) -> Bool {
    lhs.inputTokens == rhs.inputTokens && lhs.outputTokens == rhs.outputTokens
      && lhs.cacheReadTokens == rhs.cacheReadTokens && lhs.cacheWriteTokens == rhs.cacheWriteTokens
      && lhs.actions == rhs.actions && abs(lhs.costUSD - rhs.costUSD) < 1e-9
      && (lhs.costUnknown ?? false) == (rhs.costUnknown ?? false)
  }

  private static func describe(_ usage: Usage) -> String {
    "\(Amount.money(usage.costUSD)), \(usage.totalTokens) tokens, \(usage.actions) actions"
  }
}
