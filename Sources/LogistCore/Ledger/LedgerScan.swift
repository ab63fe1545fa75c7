import Foundation

/// The complete lines of a ledger file's bytes, decoded, with where each starts: what ``LedgerBooks``
/// checks against a ``LedgerSeal``.
struct LedgerScan {
  /// A readable line: its record, its byte offset and its 1-based line number.
  struct Line {
    let record: LedgerRecord
    let offset: Int
    let number: Int
  }

  /// The bytes.
  let data: Data
  /// Readable lines, oldest first.
  private(set) var records: [Line] = []
  /// Numbers of complete lines that do not decode.
  private(set) var skipped: [Int] = []
  /// Complete lines (newlines).
  private(set) var lines = 0
  /// Length up to and including the last newline.
  private(set) var boundary = 0

  /// Scans `data`, decoding the lines that start at `decodingFrom` or later (earlier ones are only counted).
  init(_ data: Data, decodingFrom: Int = 0) {
    self.data = data
    let bytes = [UInt8](data)
    let decoder = JSONCoding.decoder()
    var start = 0
    for index in bytes.indices where bytes[index] == 0x0A {
      lines += 1
      if index > start, start >= decodingFrom {
        let line = Data(bytes[start..<index])
        if let record = try? decoder.decode(LedgerRecord.self, from: line) {
          records.append(Line(record: record, offset: start, number: lines))
        } else {
          skipped.append(lines)
        }
      }
      start = index + 1
    }
    boundary = start
  }

  /// `seal` (whose totals already include every line) identifying these bytes.
  func sealing(_ seal: LedgerSeal) -> LedgerSeal {
    var result = seal
    result.lines = lines
    result.bytes = boundary
    result.sha256 = SHA256.hex(data.prefix(boundary))
    return result
  }

  /// How these bytes fail to extend what `seal` recorded, if they do; `exists`: whether the file exists.
  func damage(against seal: LedgerSeal, exists: Bool) -> LedgerDamage? {
    let recorded = LedgerSeal.describe(lines: seal.lines, bytes: seal.bytes)
    if !exists, seal.bytes > 0 {
      return LedgerDamage(
        detail: "ledger.jsonl is gone; it held \(recorded) at the last save", recordedLines: seal.lines, lines: 0)
    }
    if data.count < seal.bytes {
      return LedgerDamage(
        detail: "ledger.jsonl shrank from \(recorded) to \(LedgerSeal.describe(lines: lines, bytes: data.count)) "
          + "since the last save", recordedLines: seal.lines, lines: lines)
    }
    if SHA256.hex(data.prefix(seal.bytes)) != seal.sha256 {
      return LedgerDamage(
        detail: "ledger.jsonl changed: its first \(recorded) no longer match what was recorded at the last save",
        recordedLines: seal.lines, lines: lines)
    }
    for line in records where line.offset >= seal.bytes {
      if let field = Self.negativeField(line.record) {
        return LedgerDamage(
          detail: "ledger.jsonl line \(line.number), added since the last save, has a negative \(field)",
          recordedLines: seal.lines, lines: lines)
      }
    }
    return nil
  }

  /// The first amount of `record` below zero, by name.
  static func negativeField(_ record: LedgerRecord) -> String? {
    let fields: [(String, Double)] = [
      ("inputTokens", Double(record.inputTokens)), ("outputTokens", Double(record.outputTokens)),
      ("cacheReadTokens", Double(record.cacheReadTokens)), ("cacheWriteTokens", Double(record.cacheWriteTokens)),
      ("actions", Double(record.actions)), ("costUSD", record.costUSD), ("seconds", record.seconds),
    ]
    return fields.first { $0.1 < 0 }?.0
  }
}
