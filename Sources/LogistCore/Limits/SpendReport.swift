import Foundation

/// What a job has used against each of its limits, and by which role: `job status`'s spend section.
/// Every figure is a sum of the ledger; when the ledger was tampered with, the totals are the recorded
/// ones and the by-role figures include the corrections that bring them back to those (``LedgerBooks``).
public struct SpendReport: Sendable, Encodable {
  /// One budgeted limit.
  public struct LimitLine: Sendable, Encodable {
    /// Manifest key (`maxCostUSD`).
    public let key: String
    /// Kind (`cost`).
    public let kind: LimitKind
    /// The limit.
    public let limit: Double
    /// Used so far.
    public let used: Double
    /// `used / limit`, in percent.
    public let percent: Double
  }

  /// One role's share.
  public struct RoleLine: Sendable, Encodable {
    /// Role.
    public let role: String
    /// Runs it played (with ledger lines).
    public let runs: Int
    /// What they used.
    public let usage: Usage
    /// Their phase run time.
    public let seconds: Double
  }

  /// Totals.
  public let usage: Usage
  /// Phase run time, in seconds.
  public let seconds: Double
  /// Phase runs started by an agent.
  public let runs: Int
  /// Every limit that has a value, in checking order.
  public let limits: [LimitLine]
  /// By role, biggest cost first.
  public let byRole: [RoleLine]
  /// Present when `ledger.jsonl` no longer matches what was recorded at the last save.
  public let ledgerDamage: LedgerDamage?

  /// The report for `job` from its ledger `books`.
  public init(job: Manifest, books: LedgerBooks) {
    let records = books.records
    let spend = Spend(job: job, books: books)
    ledgerDamage = books.damage
    let totals = spend.totals
    usage = totals.usage
    seconds = totals.seconds
    runs = spend.runs
    limits = LimitCheck.values(job.limits ?? Limits()).map { kind, limit in
      let used = spend.observed(kind)
      return LimitLine(
        key: kind.key, kind: kind, limit: limit, used: used,
        percent: limit > 0 ? (used / limit * 1000).rounded() / 10 : 0)
    }
    let runCosts = RunCost.runs(records)
    byRole = Dictionary(grouping: runCosts, by: \.role).map { role, runs in
      RoleLine(
        role: role, runs: runs.count, usage: runs.reduce(.zero) { $0 + $1.usage },
        seconds: runs.reduce(0) { $0 + $1.seconds })
    }.sorted { ($0.usage.costUSD, $1.role) > ($1.usage.costUSD, $0.role) }
  }
}
