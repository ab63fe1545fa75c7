import Foundation

/// Where a provider reports usage during one phase run.
///
/// Each report becomes a ledger line at once (fsynced), priced when the agent gave no cost, and is
/// checked against the job's hard limits: crossing one stops the run through its ``RunControl``.
/// Thread-safe: a provider may report from its output-reading thread.
public final class UsageMeter: @unchecked Sendable {
  /// Who is reporting, for the ledger lines.
  public struct Context: Sendable {
    /// The job's ledger.
    public var ledger: Ledger
    /// Run number and directory name.
    public var run: Int
    public var runName: String
    /// Phase, role, provider.
    public var phase: String
    public var role: String
    public var provider: String
    /// The role's model, used when a report names none.
    public var model: String?
    /// Prices for estimates.
    public var prices: PriceTable
    /// The job's limits and what it had used before this run.
    public var limits: Limits
    public var before: Spend
  }

  private let context: Context
  private let control: RunControl
  private let clock: any EngineClock
  private let lock = NSLock()
  private var soFar = Usage.zero
  private var unpriced: String?
  private var failure: LogistError?

  /// A meter for one run.
  public init(_ context: Context, control: RunControl, clock: any EngineClock) {
    self.context = context
    self.control = control
    self.clock = clock
  }

  /// Usage reported so far in this run.
  public var usage: Usage {
    lock.lock()
    defer { lock.unlock() }
    return soFar
  }

  /// Reports usage used since the last report. `costReported`: `delta.costUSD` is the agent's own figure.
  public func add(_ delta: Usage, model: String? = nil, costReported: Bool = false) {
    lock.lock()
    defer { lock.unlock() }
    write(delta, model: model, costReported: costReported, seconds: 0)
  }

  /// Reports the run's total so far (a cumulative figure); the difference to what was reported is recorded.
  public func settle(total: Usage, model: String? = nil, costReported: Bool = false) {
    lock.lock()
    defer { lock.unlock() }
    var delta = Usage(
      inputTokens: max(0, total.inputTokens - soFar.inputTokens),
      outputTokens: max(0, total.outputTokens - soFar.outputTokens),
      cacheReadTokens: max(0, total.cacheReadTokens - soFar.cacheReadTokens),
      cacheWriteTokens: max(0, total.cacheWriteTokens - soFar.cacheWriteTokens),
      costUSD: 0, actions: max(0, total.actions - soFar.actions))
    if costReported { delta.costUSD = ((total.costUSD - soFar.costUSD) * 1e10).rounded() / 1e10 }
    guard !delta.hasNoTokens || delta.actions != 0 || delta.costUSD != 0 else { return }
    write(delta, model: model, costReported: costReported, seconds: 0)
  }

  /// Ends the run: a last ledger line carries its wall time. Returns the run's usage, or the first
  /// ledger write failure.
  public func close(seconds: Double) throws(LogistError) -> Usage {
    lock.lock()
    defer { lock.unlock() }
    write(.zero, model: nil, costReported: false, seconds: (seconds * 1000).rounded() / 1000)
    if let failure { throw failure }
    return soFar
  }

  /// The first model with no price this run used, if any.
  public var unpricedModel: String? {
    lock.lock()
    defer { lock.unlock() }
    return unpriced
  }

  private func write(_ delta: Usage, model: String?, costReported: Bool, seconds: Double) {
    let name = model ?? context.model
    var cost = delta.costUSD
    var source = CostSource.reported
    if !costReported {
      source = .estimated
      cost = 0
      if !delta.hasNoTokens {
        if let price = name.flatMap({ context.prices.price(for: $0) }) {
          cost = price.cost(of: delta)
        } else {
          source = .unknown
          unpriced = unpriced ?? name ?? "(no model named)"
        }
      }
    }
    let record = LedgerRecord(
      time: clock.now(), run: context.run, runName: context.runName, phase: context.phase, role: context.role,
      provider: context.provider, model: name, inputTokens: delta.inputTokens, outputTokens: delta.outputTokens,
      cacheReadTokens: delta.cacheReadTokens, cacheWriteTokens: delta.cacheWriteTokens, actions: delta.actions,
      costUSD: cost, cost: source, seconds: seconds)
    do throws(LogistError) {
      try context.ledger.append(record)
    } catch {
      if failure == nil { failure = error }
    }
    soFar = soFar + record.usage
    let spent = Spend(
      totals: LedgerTotals(
        usage: context.before.totals.usage + soFar, seconds: context.before.totals.seconds + seconds),
      runs: context.before.runs, unpricedModel: context.before.unpricedModel ?? unpriced)
    if let reason = LimitCheck.crossed(context.limits, spent: spent, phase: context.phase), reason.kind != .wallTime {
      control.stop(.limit(reason))
    }
  }
}
