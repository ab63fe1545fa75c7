import Foundation

extension Engine {
  /// Appends an event to job `job`'s log, stamped with the engine's clock.
  func record(_ kind: EventKind, job: String, run: String? = nil, _ payload: [String: String] = [:])
    throws(LogistError)
  {
    let record = EventRecord(time: clock.now(), job: job, run: run, kind: kind, payload: payload)
    try EventLog(jobDirectory: store.directory(job)).append(record)
  }

  /// Records a status change `from` → the job's status, made by `event`.
  func recordTransition(_ kind: EventKind, _ job: Manifest, from: JobState, event: String, run: String? = nil)
    throws(LogistError)
  {
    var payload = [
      "event": event, "from": from.status.rawValue, "to": job.status.rawValue, "phase": from.currentPhase,
    ]
    if let reason = job.statusReason { payload["reason"] = reason }
    try record(kind, job: job.id, run: run, payload)
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
