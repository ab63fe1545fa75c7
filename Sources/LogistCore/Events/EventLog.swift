import Foundation

/// A job's event log, `<job>/events.jsonl`: append-only, fsynced, the source of truth for `logist events`.
public struct EventLog: Sendable {
  /// The file.
  public let url: URL

  /// The log of the job in `jobDirectory`.
  public init(jobDirectory: URL) { url = jobDirectory.appendingPathComponent("events.jsonl") }

  /// Appends one event.
  public func append(_ record: EventRecord) throws(LogistError) {
    try AppendLog.append(record, to: url)
  }

  /// Every event, oldest first (a torn line left by a crash is skipped).
  public func records() throws(LogistError) -> [EventRecord] {
    try AppendLog.records(EventRecord.self, in: url).records
  }
}
