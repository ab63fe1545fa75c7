/// What one past phase run used, from the ledger: the basis of projections and `job metrics`.
public struct RunCost: Sendable, Equatable {
  /// Run number.
  public var run: Int
  /// Run directory name.
  public var runName: String
  /// Phase.
  public var phase: String
  /// Role.
  public var role: String
  /// Tokens, cost, actions.
  public var usage: Usage
  /// Phase run time.
  public var seconds: Double

  /// The ledger's records grouped by run, in run order.
  public static func runs(_ records: [LedgerRecord]) -> [RunCost] {
    var order: [Int] = []
    var byRun: [Int: RunCost] = [:]
    for record in records {
      if var existing = byRun[record.run] {
        existing.usage = existing.usage + record.usage
        existing.seconds += record.seconds
        byRun[record.run] = existing
      } else {
        order.append(record.run)
        byRun[record.run] = RunCost(
          run: record.run, runName: record.runName, phase: record.phase, role: record.role, usage: record.usage,
          seconds: record.seconds)
      }
    }
    return order.compactMap { byRun[$0] }
  }
}
