/// Where a ledger record's cost comes from.
public enum CostSource: String, Codable, Sendable {
  /// The agent (or tool) reported it.
  case reported
  /// Estimated from the price table.
  case estimated
  /// The model has no known price: the cost is unknown (never taken as zero).
  case unknown
  /// Written by `job limits --accept-ledger`: what a tampered ledger lacked against the recorded totals
  /// (amounts may be negative).
  case correction
}
