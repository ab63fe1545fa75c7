import Foundation

/// What `job delete` removed.
public struct DeleteResult: Sendable {
  /// The job.
  public let id: String
  /// Its status before (nil when its `job.json` was missing or unreadable).
  public let status: JobStatus?
  /// Processes of its runs that were still alive and were stopped first.
  public let stopped: [StoppedProcess]
}

extension Engine {
  /// `job delete`: removes job `id`'s directory, lock and index rows, and records a `job.deleted` event
  /// in the jobs directory's own log. A job another process runs is refused (its lock names the holder);
  /// an interrupted one, or a directory whose `job.json` is missing or unreadable, needs `force`.
  /// Processes carrying the job's run token are stopped first. The directory is renamed away in one
  /// step before it is removed, so a crash never leaves a half-deleted job under its id.
  public func delete(_ id: String, force: Bool) throws(LogistError) -> DeleteResult {
    try JobID.validate(id)
    let directory = store.directory(id)
    guard FileManager.default.fileExists(atPath: directory.path) else {
      throw .invalid("no job \"\(id)\" in \(store.root.path); `logist job list` shows the jobs there")
    }
    let lock: JobLock
    do throws(LogistError) {
      lock = try lockJob(id)
    } catch {
      throw LogistError(error.kind, error.message + "; `logist job cancel \(id)` stops it first")
    }
    defer { withExtendedLifetime(lock) {} }
    let job = try? store.load(id)
    if job == nil, !force {
      throw .invalid(
        "job \(id): \(store.manifestURL(id).path) is missing or unreadable; `logist job delete \(id) --force` "
          + "removes the directory anyway")
    }
    if let job, job.status == .running || job.status == .interrupted, !force {
      throw .invalid(
        "job \(id) is interrupted at phase \(job.currentPhase) and can still be resumed (`logist job run \(id)`); "
          + "`logist job delete \(id) --force` deletes it anyway")
    }
    let stopped = ProcessSweep.stop(tokenPrefix: RunToken.jobPrefix(directory), grace: Self.strayGraceSeconds)
    let doomed = store.root.appendingPathComponent(".deleting-\(id)-\(SystemCall.processID())")
    try SystemCall.rename(directory.path, doomed.path)
    try? FileManager.default.removeItem(at: doomed)
    try? FileManager.default.removeItem(at: store.locksDirectory.appendingPathComponent("\(id).lock"))
    JobIndex.removed(id, in: store)
    var payload = ["status": job?.status.rawValue ?? "unreadable", "directory": directory.path]
    if !stopped.isEmpty { payload["stopped"] = StoppedProcess.describe(stopped) }
    try? AppendLog.append(
      EventRecord(time: clock.now(), job: id, run: nil, kind: .deleted, payload: payload),
      to: store.root.appendingPathComponent(JobIndex.logName))
    return DeleteResult(id: id, status: job?.status, stopped: stopped)
  }
}
