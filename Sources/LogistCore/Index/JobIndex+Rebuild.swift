import Foundation

/// What `logist index rebuild` indexed.
public struct RebuildReport: Sendable, Equatable {
  /// Jobs indexed.
  public var jobs: Int
  /// Jobs whose manifest does not load.
  public var unreadable: Int
  /// History entries indexed.
  public var runs: Int
  /// Events indexed.
  public var events: Int
  /// Batches indexed.
  public var batches: Int
}

extension JobIndex {
  /// Empties the index and fills it again from the jobs directory. The file is kept (other processes may
  /// have it open) unless it is damaged, in which case opening it already recreated it.
  public static func rebuild(_ store: JobStore) throws(LogistError) -> RebuildReport {
    guard let index = try open(store) else {
      return RebuildReport(jobs: 0, unreadable: 0, runs: 0, events: 0, batches: 0)
    }
    do throws(SQLiteError) {
      index.recordRebuild("on demand", jobs: try index.reindexAll())
    } catch {
      throw index.fail(error)
    }
    try index.refreshEvents()
    try index.refreshBatches()
    do throws(SQLiteError) {
      let count = { (table: String) throws(SQLiteError) -> Int in
        try index.db.query("SELECT count(*) FROM \(table)") { $0.int(0) }.first ?? 0
      }
      return RebuildReport(
        jobs: try count("jobs"), unreadable: try count("unreadable_jobs"), runs: try count("phase_runs"),
        events: try count("events"), batches: try count("batches"))
    } catch {
      throw index.fail(error)
    }
  }
}
