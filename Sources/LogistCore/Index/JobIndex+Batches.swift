import Foundation

extension JobIndex {
  /// The batch hook: indexes `batch` right after its file was written. Never throws (the next read
  /// of batches notices the file's new stamp).
  public static func batchSaved(_ batch: Batch, in store: JobStore) {
    let url = BatchStore(store: store).url(batch.name)
    guard let index = try? JobIndex.open(store), let stamp = FileStamp.of(url.path) else { return }
    try? index.db.write { () throws(SQLiteError) in try index.upsert(batch, stamp: stamp) }
  }

  /// Brings the batch rows up to date with `.batches/*.json`.
  public func refreshBatches() throws(LogistError) {
    let batches = BatchStore(store: store)
    do throws(SQLiteError) {
      var known: [String: FileStamp] = [:]
      for row in try db.query(
        "SELECT name, file_mtime_ns, file_size FROM batches", [],
        {
          ($0.text(0), FileStamp(mtimeNanoseconds: Int64($0.int(1)), size: Int64($0.int(2))))
        })
      {
        known[row.0] = row.1
      }
      var changed: [(Batch, FileStamp)] = []
      for name in batches.names() {
        guard let stamp = FileStamp.of(batches.url(name).path) else { continue }
        if known.removeValue(forKey: name) == stamp { continue }
        if let batch = try? batches.load(name) { changed.append((batch, stamp)) }
      }
      guard !changed.isEmpty || !known.isEmpty else { return }
      try db.write { () throws(SQLiteError) in
        for (batch, stamp) in changed { try upsert(batch, stamp: stamp) }
        for name in known.keys { try db.execute("DELETE FROM batches WHERE name = ?", [.text(name)]) }
      }
    } catch {
      throw fail(error)
    }
  }

  /// Replaces batch `batch`'s rows. Call inside a write transaction.
  func upsert(_ batch: Batch, stamp: FileStamp) throws(SQLiteError) {
    try db.execute("DELETE FROM batches WHERE name = ?", [.text(batch.name)])
    try db.execute(
      """
      INSERT INTO batches (name, state, parallel, created_at, updated_at, file_mtime_ns, file_size)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .text(batch.name), .text(batch.state.rawValue), .int(Int64(batch.parallel)),
        .text(JSONCoding.format(batch.createdAt)), .text(JSONCoding.format(batch.updatedAt)),
        .int(stamp.mtimeNanoseconds), .int(stamp.size),
      ])
    for (position, job) in batch.jobs.enumerated() {
      try db.execute(
        "INSERT INTO batch_jobs (batch, position, job, state, final_status) VALUES (?, ?, ?, ?, ?)",
        [
          .text(batch.name), .int(Int64(position)), .text(job.id), .text(job.state.rawValue),
          optional(job.finalStatus?.rawValue),
        ])
    }
  }
}
