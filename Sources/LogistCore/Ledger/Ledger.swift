import Foundation

/// A job's cost ledger, `<job>/ledger.jsonl`: append-only, fsynced as usage arrives.
///
/// Every total Logist shows is a sum of these lines; the usage cached in the manifest's history is
/// checked against them by `job validate`.
public struct Ledger: Sendable {
  /// The file.
  public let url: URL

  /// The ledger of the job in `jobDirectory`.
  public init(jobDirectory: URL) { url = jobDirectory.appendingPathComponent("ledger.jsonl") }

  /// Appends one record (written and fsynced before this returns).
  public func append(_ record: LedgerRecord) throws(LogistError) {
    try AppendLog.append(record, to: url)
  }

  /// Every record, oldest first, and the numbers of lines that could not be read (torn by a crash).
  public func read() throws(LogistError) -> (records: [LedgerRecord], skipped: [Int]) {
    try AppendLog.records(LedgerRecord.self, in: url)
  }

  /// Every readable record.
  public func records() throws(LogistError) -> [LedgerRecord] { try read().records }
}
