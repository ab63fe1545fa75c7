/// Sums over ledger records: what a job (or a run, or a role) has used.
public struct LedgerTotals: Sendable, Equatable {
  /// Tokens, cost, actions.
  public var usage: Usage
  /// Phase run time, in seconds.
  public var seconds: Double

  /// Nothing used.
  public static let zero = LedgerTotals(usage: .zero, seconds: 0)

  /// The sum of `records`.
  public init(_ records: some Sequence<LedgerRecord>) {
    var usage = Usage.zero
    var seconds = 0.0
    for record in records {
      usage = usage + record.usage
      seconds += record.seconds
    }
    self.init(usage: usage, seconds: (seconds * 1000).rounded() / 1000)
  }

  /// Totals from parts.
  public init(usage: Usage, seconds: Double) {
    self.usage = usage
    self.seconds = seconds
  }
}
