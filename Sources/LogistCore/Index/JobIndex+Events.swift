import Foundation

/// Which events `logist events` shows.
public struct EventQuery: Sendable {
  /// Only this job's.
  public var job: String?
  /// Only this kind (`phase.ended`) or family (`phase`, `batch`).
  public var kind: String?
  /// Only events at or after this time.
  public var since: Date?
  /// Only events ingested after this cursor (``JobIndex/events(_:)`` returns the next one), for `--follow`.
  public var after: Int?

  /// Makes one.
  public init(job: String? = nil, kind: String? = nil, since: Date? = nil, after: Int? = nil) {
    self.job = job
    self.kind = kind
    self.since = since
    self.after = after
  }
}

extension JobIndex {
  /// Every event log under the jobs directory, relative to it: each job's `events.jsonl`, the lock
  /// conflicts, and each batch's log.
  func eventSources() -> [String] {
    var sources = jobDirectoryNames().map { "\($0)/events.jsonl" }
    sources.append(".locks/conflicts.jsonl")
    sources.append(JobIndex.logName)
    let batches = store.root.appendingPathComponent(BatchStore.directoryName).path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: batches)) ?? []
    for name in names.sorted() where name.hasSuffix(".events.jsonl") {
      sources.append("\(BatchStore.directoryName)/\(name)")
    }
    return sources
  }

  /// Reads the lines appended to every event log since the last refresh (a log that shrank or vanished
  /// is read again from the start or dropped).
  public func refreshEvents() throws(LogistError) {
    do throws(SQLiteError) {
      var known: [String: (offset: Int, lines: Int)] = [:]
      for row in try db.query(
        "SELECT path, offset, lines FROM event_sources", [], { ($0.text(0), $0.int(1), $0.int(2)) })
      {
        known[row.0] = (row.1, row.2)
      }
      var work: [(path: String, size: Int, from: (offset: Int, lines: Int)?)] = []
      for source in eventSources() {
        let seen = known.removeValue(forKey: source)
        guard let stamp = FileStamp.of(store.root.appendingPathComponent(source).path) else {
          if seen != nil { work.append((source, -1, seen)) }
          continue
        }
        if Int(stamp.size) != seen?.offset { work.append((source, Int(stamp.size), seen)) }
      }
      for (path, seen) in known { work.append((path, -1, seen)) }
      guard !work.isEmpty else { return }
      try db.write { () throws(SQLiteError) in
        for item in work { try ingest(item.path, size: item.size, from: item.from) }
      }
    } catch {
      throw fail(error)
    }
  }

  /// Ingests the complete lines of `source` past what was read; size -1 means the file is gone.
  private func ingest(_ source: String, size: Int, from seen: (offset: Int, lines: Int)?) throws(SQLiteError) {
    var start = seen ?? (0, 0)
    if size < start.offset {
      try db.execute("DELETE FROM events WHERE source = ?", [.text(source)])
      try db.execute("DELETE FROM event_sources WHERE path = ?", [.text(source)])
      if size < 0 { return }
      start = (0, 0)
    }
    guard let handle = FileHandle(forReadingAtPath: store.root.appendingPathComponent(source).path) else { return }
    defer { try? handle.close() }
    guard (try? handle.seek(toOffset: UInt64(start.offset))) != nil, let data = try? handle.readToEnd(),
      let end = data.lastIndex(of: 0x0A)
    else { return }
    let complete = data[data.startIndex...end]
    let decoder = JSONCoding.decoder()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var line = start.lines
    for raw in complete.split(separator: 0x0A, omittingEmptySubsequences: true) {
      line += 1
      guard let record = try? decoder.decode(EventRecord.self, from: Data(raw)) else { continue }
      let payload = (try? encoder.encode(record.payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
      try db.execute(
        "INSERT OR REPLACE INTO events (source, line, time, job, run, kind, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
          .text(source), .int(Int64(line)), .text(JSONCoding.format(record.time)), .text(record.job),
          optional(record.run), .text(record.kind), .text(payload),
        ])
    }
    try db.execute(
      "INSERT OR REPLACE INTO event_sources (path, offset, lines) VALUES (?, ?, ?)",
      [.text(source), .int(Int64(start.offset + complete.count)), .int(Int64(line))])
  }

  /// Events matching `query`, oldest first, and the cursor to pass as `after` to get only newer ones.
  public func events(_ query: EventQuery) throws(LogistError) -> (events: [EventRecord], cursor: Int) {
    var conditions: [String] = []
    var values: [SQLiteStatement.Value] = []
    if let job = query.job {
      conditions.append("job = ?")
      values.append(.text(job))
    }
    if let kind = query.kind {
      conditions.append("(kind = ? OR kind LIKE ?)")
      values += [.text(kind), .text(kind + ".%")]
    }
    if let since = query.since {
      conditions.append("time >= ?")
      values.append(.text(JSONCoding.format(since)))
    }
    if let after = query.after {
      conditions.append("seq > ?")
      values.append(.int(Int64(after)))
    }
    let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    let sql = "SELECT time, job, run, kind, payload, seq FROM events\(filter) ORDER BY time, job, source, line"
    do throws(SQLiteError) {
      var cursor = query.after ?? 0
      let decoder = JSONDecoder()
      let events = try db.query(sql, values) { row -> EventRecord in
        cursor = max(cursor, row.int(5))
        let payload = (try? decoder.decode([String: String].self, from: Data(row.text(4).utf8))) ?? [:]
        var record = EventRecord(
          time: JSONCoding.parseDate(row.text(0)) ?? Date(timeIntervalSince1970: 0), job: row.text(1),
          run: row.optionalText(2), kind: .created, payload: payload)
        record.kind = row.text(3)
        return record
      }
      if query.after == nil {
        cursor = try db.query("SELECT coalesce(max(seq), 0) FROM events") { $0.int(0) }.first ?? 0
      }
      return (events, cursor)
    } catch {
      throw fail(error)
    }
  }
}
