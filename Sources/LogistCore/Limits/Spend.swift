/// What a job has used so far, as the limits see it: ledger totals plus the number of phase runs.
public struct Spend: Sendable, Equatable {
  /// Ledger totals.
  public var totals: LedgerTotals
  /// Live phase runs started by an agent (stopped ones included; runs a rewind superseded are not).
  public var runs: Int
  /// A model whose tokens have no price, when there is one (the cost is then unknown).
  public var unpricedModel: String?

  /// Makes a spend.
  public init(totals: LedgerTotals, runs: Int, unpricedModel: String?) {
    self.totals = totals
    self.runs = runs
    self.unpricedModel = unpricedModel
  }

  /// What `job` has used according to its ledger `records`.
  public init(job: Manifest, records: [LedgerRecord]) {
    let unpriced = records.last { $0.cost == .unknown }.map { $0.model ?? "(no model named)" }
    let runs = job.liveHistory.filter { $0.actor == .agent }.count
    self.init(totals: LedgerTotals(records), runs: runs, unpricedModel: unpriced)
  }

  /// What `job` has used according to its ledger `books` (the recorded totals when the file is damaged).
  public init(job: Manifest, books: LedgerBooks) {
    let runs = job.liveHistory.filter { $0.actor == .agent }.count
    self.init(totals: books.totals, runs: runs, unpricedModel: books.unpricedModel)
  }

  /// The amount of `kind` used (not for `noProgress`).
  public func observed(_ kind: LimitKind) -> Double {
    switch kind {
    case .cost: return totals.usage.costUSD
    case .tokens: return Double(totals.usage.totalTokens)
    case .actions: return Double(totals.usage.actions)
    case .phaseRuns: return Double(runs)
    case .wallTime: return totals.seconds
    case .noProgress, .ledger: return 0
    }
  }
}
