import Foundation

/// One hit of `logist search`.
public struct SearchHit: Sendable, Equatable, Codable {
  /// The job.
  public var job: String
  /// Where the text is: `title`, `goal`, `summary` or `feedback`.
  public var field: String
  /// The history entry number for summaries and feedback (0 for title and goal).
  public var entry: Int
  /// The matching part, matches between `[` and `]`.
  public var snippet: String
  /// BM25 rank: lower is better.
  public var rank: Double
}

extension JobIndex {
  /// Jobs matching `query`, in its order.
  public func jobs(_ query: JobQuery) throws(LogistError) -> [IndexedJob] {
    var conditions: [String] = []
    var values: [SQLiteStatement.Value] = []
    if let status = query.status {
      conditions.append("status = ?")
      values.append(.text(status.rawValue))
    }
    if let phase = query.phase {
      conditions.append("current_phase = ?")
      values.append(.text(phase))
    }
    if let since = query.since {
      conditions.append("updated_ms >= ?")
      values.append(.int(IndexedJob.milliseconds(since)))
    }
    let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    let statusOrder =
      "CASE status "
      + JobStatus.allCases.enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }.joined(
        separator: " ") + " END"
    let order: String
    switch query.sort {
    case .id: order = "id"
    case .updated: order = "updated_ms DESC, id"
    case .created: order = "created_ms DESC, id"
    case .cost: order = "cost_usd DESC, id"
    case .status: order = "\(statusOrder), id"
    }
    do throws(SQLiteError) {
      return try db.query("SELECT \(IndexedJob.columns) FROM jobs\(filter) ORDER BY \(order)", values) {
        IndexedJob(row: $0)
      }
    } catch {
      throw fail(error)
    }
  }

  /// Jobs whose manifest does not load: id and the loader's message, by id.
  public func unreadableJobs() throws(LogistError) -> [(id: String, message: String)] {
    do throws(SQLiteError) {
      return try db.query("SELECT id, message FROM unreadable_jobs ORDER BY id") { ($0.text(0), $0.text(1)) }
    } catch {
      throw fail(error)
    }
  }

  /// Full-text search over titles, goals, summaries and feedback, best first (at most `limit` hits).
  /// Every word of `text` must match; a word ending in `*` matches as a prefix.
  public func search(_ text: String, limit: Int = 50) throws(LogistError) -> [SearchHit] {
    let terms = text.split(whereSeparator: \.isWhitespace).map { word -> String in
      let prefix = word.hasSuffix("*") && word.count > 1
      let bare = prefix ? word.dropLast() : word[...]
      return "\"" + bare.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "")
    }
    guard !terms.isEmpty else { throw LogistError(.usage, "logist search: give the words to search for") }
    let sql = """
      SELECT job, field, number, snippet(search, 3, '[', ']', '…', 12), bm25(search) AS rank FROM search
      WHERE search MATCH ? ORDER BY rank, job, number, field LIMIT ?
      """
    do throws(SQLiteError) {
      return try db.query(sql, [.text(terms.joined(separator: " ")), .int(Int64(limit))]) {
        SearchHit(job: $0.text(0), field: $0.text(1), entry: $0.int(2), snippet: $0.text(3), rank: $0.double(4))
      }
    } catch {
      throw fail(error)
    }
  }
}
