import Foundation

/// What `ledger.jsonl` held at the manifest's last save, kept in `job.json` as `ledger`.
///
/// `lines`, `bytes` and `sha256` identify the file's complete lines as saved (a torn last line is left
/// out); `usage`, `seconds` and `unpricedModel` are the totals of everything recorded. Lines appended
/// after the sealed bytes are legitimate (usage streamed since the save); a file that shrank, whose
/// sealed bytes changed, or that is gone while the seal holds lines has been tampered with, and the
/// recorded totals stand. Every save advances the seal over the appended lines (``LedgerBooks``).
public struct LedgerSeal: Codable, Sendable, Equatable {
  /// Complete lines sealed.
  public var lines: Int
  /// Bytes sealed: the file's length up to and including its last newline.
  public var bytes: Int
  /// SHA-256 of those bytes, lowercase hex.
  public var sha256: String
  /// Tokens, cost and actions of everything recorded, sealed lines and any usage logist added itself.
  public var usage: Usage
  /// Phase run time recorded, in seconds (to the millisecond, as each line's).
  public var seconds: Double
  /// The last model whose tokens had no price, when there is one.
  public var unpricedModel: String?

  /// Makes a seal.
  public init(
    lines: Int, bytes: Int, sha256: String, usage: Usage, seconds: Double, unpricedModel: String? = nil
  ) {
    self.lines = lines
    self.bytes = bytes
    self.sha256 = sha256
    self.usage = usage
    self.seconds = seconds
    self.unpricedModel = unpricedModel
  }

  /// The seal of an empty (or missing) ledger.
  public static let empty = LedgerSeal(lines: 0, bytes: 0, sha256: SHA256.hex(Data()), usage: .zero, seconds: 0)

  /// The recorded totals, rounded as ``LedgerTotals`` rounds a sum of lines.
  public var totals: LedgerTotals { LedgerTotals(usage: usage, seconds: (seconds * 1000).rounded() / 1000) }

  /// This seal's totals with `record` added (its identity unchanged).
  public func adding(_ record: LedgerRecord) -> LedgerSeal {
    var next = self
    next.usage = usage + record.usage
    next.seconds = ((seconds + record.seconds) * 1000).rounded() / 1000
    if record.cost == .unknown { next.unpricedModel = record.model ?? "(no model named)" }
    return next
  }

  /// `lines` and `bytes` as a phrase: `3 lines (612 bytes)`.
  static func describe(lines: Int, bytes: Int) -> String {
    "\(lines) line\(lines == 1 ? "" : "s") (\(bytes) byte\(bytes == 1 ? "" : "s"))"
  }
}
