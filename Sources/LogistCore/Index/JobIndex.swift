import Foundation

/// `<jobs-dir>/logist.db`: an index of the jobs directory, derived from it and never the source of truth.
///
/// Manifests (`<job>/job.json`), event logs (`<job>/events.jsonl`, `.locks/conflicts.jsonl`,
/// `batches/*.events.jsonl`) and batch files (`batches/*.json`) are the truth; deleting the database and
/// rebuilding gives identical answers. Opening it creates, migrates or (when damaged) recreates it, and
/// says so once through ``notices``.
public final class JobIndex {
  /// The jobs directory.
  public let store: JobStore
  /// The connection (one per thread: a JobIndex is not Sendable).
  let db: SQLiteConnection
  /// What opening and refreshing did that a person should hear about, once (`index: …`).
  public internal(set) var notices: [String] = []

  /// The database file of `store`.
  public static func path(of store: JobStore) -> String { store.root.appendingPathComponent("logist.db").path }

  private init(store: JobStore, db: SQLiteConnection) {
    self.store = store
    self.db = db
  }

  /// Opens the index of `store`, creating, migrating or rebuilding it as needed; nil when the jobs
  /// directory does not exist (reading creates nothing).
  public static func open(_ store: JobStore) throws(LogistError) -> JobIndex? {
    try open(store, saving: nil)
  }

  /// Opens the index; `saving` names the job a save hook is indexing, which does not count as a job the
  /// index missed when it builds a new database.
  static func open(_ store: JobStore, saving: String?) throws(LogistError) -> JobIndex? {
    guard FileManager.default.fileExists(atPath: store.root.path) else { return nil }
    let path = path(of: store)
    let existed = FileManager.default.fileExists(atPath: path)
    PrivateFiles.prepareFile(path)
    do throws(SQLiteError) {
      let index = JobIndex(store: store, db: try SQLiteConnection(path: path))
      try index.prepare(existed: existed, saving: saving)
      return index
    } catch  where error.meansCorrupt {
      removeFiles(path)
      PrivateFiles.prepareFile(path)
      do throws(SQLiteError) {
        let index = JobIndex(store: store, db: try SQLiteConnection(path: path))
        _ = try index.migrate()
        let count = try index.reindexAll()
        index.notices.append(
          "index: logist.db was damaged (\(error.message), SQLite code \(error.code)); rebuilt it from \(count) jobs")
        index.recordRebuild("damaged: SQLite code \(error.code)", jobs: count)
        return index
      } catch {
        throw error.asLogistError(path: path)
      }
    } catch {
      throw error.asLogistError(path: path)
    }
  }

  /// Deletes the database and its WAL files.
  static func removeFiles(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { _ = unlink(path + suffix) }
  }

  /// Migrates to the current schema; a new or migrated database is filled from the jobs directory.
  private func prepare(existed: Bool, saving: String?) throws(SQLiteError) {
    let (from, to, reindex) = try migrate()
    guard reindex else { return }
    let count = try reindexAll()
    if from > 0 {
      notices.append("index: migrated logist.db from schema \(from) to \(to) and reindexed \(count) jobs")
      recordRebuild("migrated from schema \(from) to \(to)", jobs: count)
    } else if existed || count > (saving == nil ? 0 : 1) {
      notices.append("index: built logist.db from \(count) jobs")
      recordRebuild("missing", jobs: count)
    }
  }

  /// The index's own event log, `<jobs-dir>/.index-events.jsonl` (rebuilds).
  static let logName = ".index-events.jsonl"

  /// Appends an `index.rebuilt` event (best effort: the log is informational).
  func recordRebuild(_ reason: String, jobs: Int) {
    let record = EventRecord(
      time: Date(), job: "", run: nil, kind: .indexRebuilt, payload: ["reason": reason, "jobs": String(jobs)])
    try? AppendLog.append(record, to: store.root.appendingPathComponent(JobIndex.logName))
  }

  /// Runs the migrations the database lacks, in one write transaction; returns the versions and
  /// whether a reindex is due. A database newer than this build is refused.
  private func migrate() throws(SQLiteError) -> (from: Int, to: Int, reindex: Bool) {
    if try db.userVersion == IndexSchema.current { return (IndexSchema.current, IndexSchema.current, false) }
    return try db.write { () throws(SQLiteError) in
      let version = try db.userVersion
      if version > IndexSchema.current {
        throw SQLiteError(
          code: 1,
          message: "schema version \(version) is newer than this logist's (\(IndexSchema.current)); "
            + "use the newer logist, or delete logist.db to rebuild it")
      }
      var reindex = false
      for migration in IndexSchema.migrations where migration.version > version {
        try db.executeScript(migration.sql)
        reindex = reindex || migration.reindexes
      }
      try db.executeScript("PRAGMA user_version = \(IndexSchema.current)")
      return (version, IndexSchema.current, reindex)
    }
  }

  /// Empties every table and indexes the whole jobs directory again; returns how many jobs it holds.
  @discardableResult
  func reindexAll() throws(SQLiteError) -> Int {
    try db.write { () throws(SQLiteError) in
      for table in [
        "search", "phase_runs", "jobs", "unreadable_jobs", "events", "event_sources", "batch_jobs", "batches",
      ] {
        try db.execute("DELETE FROM \(table)")
      }
      return try refreshJobsLocked().total
    }
  }

  /// The save hook: brings job `manifest.id` up to date right after its manifest was written, under its
  /// lock. Never throws: a failure leaves the job stale, and the next read reindexes it.
  public static func saved(_ manifest: Manifest, in store: JobStore) {
    guard let index = try? JobIndex.open(store, saving: manifest.id),
      let stamp = FileStamp.of(store.manifestURL(manifest.id).path)
    else {
      return
    }
    try? index.db.write { () throws(SQLiteError) in try index.upsert(manifest, stamp: stamp) }
  }

  /// Drops job `id` from the index after `job delete` (best effort: the next refresh would too).
  public static func removed(_ id: String, in store: JobStore) {
    guard FileManager.default.fileExists(atPath: JobIndex.path(of: store)), let index = try? JobIndex.open(store)
    else { return }
    try? index.db.write { () throws(SQLiteError) in try index.remove(id) }
  }

  /// Converts a SQLite failure to a user error naming this database.
  func fail(_ error: SQLiteError) -> LogistError { error.asLogistError(path: JobIndex.path(of: store)) }
}
