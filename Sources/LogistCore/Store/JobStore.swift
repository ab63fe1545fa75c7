import Foundation

/// The jobs directory: one directory per job, each holding `job.json`, `responses.json`, `runs/`.
public struct JobStore: Sendable {
  /// The jobs directory.
  public let root: URL

  /// A store rooted at `root` (created on first `create`).
  public init(root: URL) { self.root = root }

  /// Directory of job `id`.
  public func directory(_ id: String) -> URL { root.appendingPathComponent(id, isDirectory: true) }
  /// Manifest path of job `id`.
  public func manifestURL(_ id: String) -> URL { directory(id).appendingPathComponent("job.json") }
  /// Replay script of job `id`.
  public func responsesURL(_ id: String) -> URL { directory(id).appendingPathComponent("responses.json") }
  /// Where the job's lock files live.
  public var locksDirectory: URL { root.appendingPathComponent(".locks", isDirectory: true) }

  /// Events of job `id` (`events.jsonl`).
  public func eventsURL(_ id: String) -> URL { directory(id).appendingPathComponent("events.jsonl") }
  /// Lock conflicts of all jobs, kept beside the lock files so a refused command leaves the job untouched.
  public var conflictsURL: URL { locksDirectory.appendingPathComponent("conflicts.jsonl") }

  /// Whether job `id` exists.
  public func exists(_ id: String) -> Bool {
    FileManager.default.fileExists(atPath: manifestURL(id).path)
  }

  /// Ids of all jobs, sorted.
  public func ids() throws(LogistError) -> [String] {
    guard FileManager.default.fileExists(atPath: root.path) else { return [] }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: root.path)
    } catch {
      throw LogistError(.system, "cannot read jobs directory \(root.path): \(error.localizedDescription)")
    }
    return names.filter { (try? JobID.validate($0)) != nil && exists($0) }.sorted()
  }

  /// Throws unless `id` is a valid id of an existing job; the message says how to find jobs.
  public func requireJob(_ id: String) throws(LogistError) {
    try JobID.validate(id)
    guard exists(id) else {
      if FileManager.default.fileExists(atPath: directory(id).path) { throw Self.withoutManifest(id, directory(id)) }
      throw .invalid("no job \"\(id)\" in \(root.path); `logist job list` shows the jobs there")
    }
  }

  /// The error for a job directory that has no `job.json` (a half-removed or damaged job).
  static func withoutManifest(_ id: String, _ directory: URL) -> LogistError {
    .invalid(
      "job \(id): \(directory.path) exists but has no job.json (a damaged or half-removed job); "
        + "`logist job delete \(id) --force` removes it")
  }

  /// Loads job `id`, checking its id first and saying how to find jobs when it is missing.
  public func load(_ id: String) throws(LogistError) -> Manifest {
    try requireJob(id)
    let url = manifestURL(id)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw LogistError(.system, "cannot read \(url.path): check its permissions")
    }
    return try ManifestLoader.load(data, file: url.path, expectedID: id)
  }

  /// Saves a manifest atomically, stamping `updatedAt` and the next `revision` (in the file and in
  /// `manifest`) and sealing the ledger (``LedgerSeal``: advanced over the lines appended since the last
  /// save; left as it was when the file no longer matches it), then brings the index up to date (an index
  /// failure never fails the save: the next read of the index notices the job is stale and reindexes it).
  public func save(_ manifest: inout Manifest, now: Date = Date()) throws(LogistError) {
    if let seal = try? LedgerBooks.advancedSeal(Ledger(jobDirectory: directory(manifest.id)), job: manifest) {
      manifest.ledger = seal
    }
    manifest.updatedAt = now
    manifest.revision = (manifest.revision ?? 0) + 1
    try AtomicFile.write(try manifest.encoded(), to: manifestURL(manifest.id))
    JobIndex.saved(manifest, in: self)
  }

  /// Takes job `id`'s lock for a mutating command.
  public func lock(_ id: String) throws(LogistError) -> JobLock {
    try JobLock.acquire(id: id, locksDirectory: locksDirectory)
  }

  /// Whether some process holds job `id`'s lock now.
  public func isLocked(_ id: String) -> Bool { JobLock.isHeld(id: id, locksDirectory: locksDirectory) }
}
