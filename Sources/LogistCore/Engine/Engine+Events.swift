import Foundation

extension Engine {
  /// Appends an event to job `job`'s log, stamped with the engine's clock.
  func record(_ kind: EventKind, job: String, run: String? = nil, _ payload: [String: String] = [:])
    throws(LogistError)
  {
    try EventLog(jobDirectory: store.directory(job)).append(event(kind, job: job, run: run, payload))
  }

  /// An event of job `job`, now.
  func event(_ kind: EventKind, job: String, run: String? = nil, _ payload: [String: String] = [:]) -> EventRecord {
    EventRecord(time: clock.now(), job: job, run: run, kind: kind, payload: payload)
  }

  /// The event of a status change `from` → the job's status, made by `event`.
  func transitionEvent(_ kind: EventKind, _ job: Manifest, from: JobState, event: String, run: String? = nil)
    -> EventRecord
  {
    var payload = [
      "event": event, "from": from.status.rawValue, "to": job.status.rawValue, "phase": from.currentPhase,
    ]
    if let reason = job.statusReason { payload["reason"] = reason }
    return self.event(kind, job: job.id, run: run, payload)
  }

  /// Saves `job` and appends the `events` its change makes. The events are journalled first
  /// (``EventJournal``), so a crash between the save and the log is made good by the next command
  /// that takes the job's lock: no event of a saved change is ever lost, none is written twice.
  func commit(_ job: inout Manifest, now: Date, _ events: [EventRecord]) throws(LogistError) {
    let journal = EventJournal(jobDirectory: store.directory(job.id))
    try journal.begin(events, revision: (job.revision ?? 0) + 1)
    do throws(LogistError) {
      try store.save(&job, now: now)
    } catch {
      journal.discard()
      throw error
    }
    try journal.finish(events)
  }

  /// Appends the events a crashed command saved a change for but did not log (see ``commit(_:now:_:)``).
  func settleEvents(_ job: Manifest) throws(LogistError) {
    try EventJournal(jobDirectory: store.directory(job.id)).settle(revision: job.revision)
  }

  /// Whether job `id` has journalled events to settle.
  func hasPendingEvents(_ id: String) -> Bool {
    FileManager.default.fileExists(atPath: EventJournal(jobDirectory: store.directory(id)).url.path)
  }

  /// Records that a command found job `id` locked. The line goes to `<jobs-dir>/.locks/conflicts.jsonl`,
  /// beside the lock files, so a refused command changes nothing in the job's directory.
  func recordLockConflict(_ id: String, _ message: String) {
    let record = EventRecord(time: clock.now(), job: id, run: nil, kind: .lockConflict, payload: ["message": message])
    try? AppendLog.append(record, to: store.conflictsURL)
  }

  /// Every event of job `id`, oldest first.
  public func events(_ id: String) throws(LogistError) -> [EventRecord] {
    try store.requireJob(id)
    return try EventLog(jobDirectory: store.directory(id)).records()
  }
}
