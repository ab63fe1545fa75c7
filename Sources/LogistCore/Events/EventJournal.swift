import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The events one manifest save makes, kept in `<job>/events.pending.json` from just before the save
/// until they are in the event log, so a crash between the two writes loses none of them.
///
/// The file names the manifest revision the save produces. The next command that takes the job's lock
/// settles it: if the manifest has that revision the save landed, and the events the log lacks are
/// appended (marked `recovered`); otherwise the save never happened and the file is dropped.
struct EventJournal {
  /// The pending file.
  let url: URL
  /// The job's event log.
  let log: EventLog

  /// The journal of the job in `jobDirectory`.
  init(jobDirectory: URL) {
    url = jobDirectory.appendingPathComponent("events.pending.json")
    log = EventLog(jobDirectory: jobDirectory)
  }

  /// What the file holds.
  struct Pending: Codable {
    /// The manifest revision whose save makes these events.
    var revision: Int
    /// The events, in order.
    var events: [EventRecord]
  }

  /// Writes the events of the save that produces manifest revision `revision`.
  func begin(_ events: [EventRecord], revision: Int) throws(LogistError) {
    let data: Data
    do {
      data = try JSONCoding.encoder().encode(Pending(revision: revision, events: events))
    } catch {
      throw LogistError(.system, "cannot encode the pending events for \(url.path): \(error)")
    }
    try AtomicFile.write(data, to: url)
  }

  /// Appends the events after their save, then removes the file.
  func finish(_ events: [EventRecord]) throws(LogistError) {
    for event in events { try log.append(event) }
    discard()
  }

  /// Removes the file (its save failed, or its events are in the log).
  func discard() { _ = unlink(url.path) }

  /// After a crash: appends the pending events of a save that landed (manifest at `revision`) that
  /// the log lacks, and removes the file. Returns how many were appended.
  @discardableResult
  func settle(revision: Int?) throws(LogistError) -> Int {
    guard let data = FileManager.default.contents(atPath: url.path) else { return 0 }
    guard let pending = try? JSONCoding.decoder().decode(Pending.self, from: data), pending.revision == revision
    else {
      discard()
      return 0
    }
    let logged = try log.records()
    var appended = 0
    for event in pending.events where !logged.contains(event) {
      var recovered = event
      recovered.payload["recovered"] = "true"
      try log.append(recovered)
      appended += 1
    }
    discard()
    return appended
  }
}
