import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension JobIndex {
  /// What a refresh found.
  struct RefreshCount {
    /// Jobs in the directory.
    var total = 0
    /// Jobs reindexed because they changed behind the index's back (hand edit, older logist, failed hook).
    var stale = 0
    /// Jobs reindexed because a newer save's hook had not run yet (no notice needed).
    var inFlight = 0
  }

  /// Brings the job rows up to date with the manifests: a job whose `job.json` has another stamp than
  /// the one indexed is read again, a vanished job is removed. Adds a notice when stale jobs were found.
  public func refreshJobs() throws(LogistError) {
    do throws(SQLiteError) {
      guard try !isCurrent() else { return }
      let count = try db.write { () throws(SQLiteError) in try refreshJobsLocked() }
      if count.stale > 0 {
        notices.append(
          "index: reindexed \(count.stale) \(count.stale == 1 ? "job" : "jobs") changed outside logist "
            + "(hand edit, older logist or an interrupted update)")
      }
    } catch {
      throw fail(error)
    }
  }

  /// The refresh itself, inside a write transaction.
  func refreshJobsLocked() throws(SQLiteError) -> RefreshCount {
    var known = try knownStamps()
    var count = RefreshCount()
    let root = store.root.path
    for id in jobDirectoryNames() {
      let path = root + "/" + id + "/job.json"
      guard let stamp = FileStamp.of(path) else { continue }
      count.total += 1
      let seen = known.removeValue(forKey: id)
      if seen?.stamp == stamp { continue }
      guard let (data, readStamp) = FileStamp.read(path) else { continue }
      switch Result(catching: { () throws(LogistError) in try ManifestLoader.load(data, file: path, expectedID: id) }) {
      case .success(let job):
        let newer = (job.revision ?? 0) > (seen?.revision ?? Int.max)
        if newer { count.inFlight += 1 } else { count.stale += 1 }
        try upsert(job, stamp: readStamp)
      case .failure(let error):
        count.stale += 1
        try markUnreadable(id, message: error.message, stamp: readStamp)
      }
    }
    for id in known.keys.sorted() {
      count.stale += 1
      try remove(id)
    }
    return count
  }

  /// Whether every manifest's stamp is the one indexed and no job vanished (a read-only check).
  private func isCurrent() throws(SQLiteError) -> Bool {
    var known = try knownStamps()
    let root = store.root.path
    for id in jobDirectoryNames() {
      guard let stamp = FileStamp.of(root + "/" + id + "/job.json") else { continue }
      guard known.removeValue(forKey: id)?.stamp == stamp else { return false }
    }
    return known.isEmpty
  }

  /// The stamp and revision indexed for every job, readable or not.
  private func knownStamps() throws(SQLiteError) -> [String: (stamp: FileStamp, revision: Int?)] {
    var known: [String: (stamp: FileStamp, revision: Int?)] = [:]
    for row in try db.query("SELECT id, file_mtime_ns, file_size, revision FROM jobs", [], Self.stampRow) {
      known[row.0] = (row.1, row.2)
    }
    for row in try db.query("SELECT id, file_mtime_ns, file_size, NULL FROM unreadable_jobs", [], Self.stampRow) {
      known[row.0] = (row.1, nil)
    }
    return known
  }

  private static func stampRow(_ row: SQLiteStatement) -> (String, FileStamp, Int?) {
    (
      row.text(0), FileStamp(mtimeNanoseconds: Int64(row.int(1)), size: Int64(row.int(2))),
      row.isNull(3) ? nil : row.int(3)
    )
  }

  /// Names in the jobs directory that are valid job ids (whether or not they hold a job.json).
  func jobDirectoryNames() -> [String] {
    guard let dir = opendir(store.root.path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if !name.hasPrefix("."), (try? JobID.validate(name)) != nil { names.append(name) }
    }
    return names.sorted()
  }
}
