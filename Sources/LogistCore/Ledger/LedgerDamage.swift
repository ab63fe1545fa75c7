/// How `ledger.jsonl` no longer matches its ``LedgerSeal``: it shrank, its sealed lines changed, it is
/// gone, or a line appended since the last save has a negative amount.
public struct LedgerDamage: Sendable, Equatable, Encodable {
  /// What changed, one sentence naming `ledger.jsonl` (`ledger.jsonl shrank from 3 lines (612 bytes) to
  /// 1 line (204 bytes) since the last save`).
  public let detail: String
  /// Complete lines the seal recorded.
  public let recordedLines: Int
  /// Complete lines the file holds now.
  public let lines: Int
}
