import Foundation

extension JobIndex {
  /// Replaces job `job`'s rows (job, phase runs, search texts). Call inside a write transaction.
  /// A row already holding a later revision is kept (a slower reader must not undo a newer save).
  func upsert(_ job: Manifest, stamp: FileStamp) throws(SQLiteError) {
    let stored = try db.query("SELECT revision FROM jobs WHERE id = ?", [.text(job.id)]) { $0.int(0) }.first
    if let stored, let revision = job.revision, stored > revision { return }
    try db.execute("DELETE FROM unreadable_jobs WHERE id = ?", [.text(job.id)])
    let usage = job.totalUsage
    let finished = job.status.isFinal ? job.liveHistory.last.map { JSONCoding.format($0.endedAt) } : nil
    try db.execute(
      """
      INSERT INTO jobs (id, title, goal, status, status_reason, current_phase, attempt, runs, cost_usd, tokens,
        lease_host, lease_pid, created_at, updated_at, created_ms, updated_ms, finished_at, revision, file_mtime_ns,
        file_size)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, goal = excluded.goal, status = excluded.status,
        status_reason = excluded.status_reason, current_phase = excluded.current_phase, attempt = excluded.attempt,
        runs = excluded.runs, cost_usd = excluded.cost_usd, tokens = excluded.tokens, lease_host = excluded.lease_host,
        lease_pid = excluded.lease_pid, created_at = excluded.created_at, updated_at = excluded.updated_at,
        created_ms = excluded.created_ms, updated_ms = excluded.updated_ms,
        finished_at = excluded.finished_at, revision = excluded.revision, file_mtime_ns = excluded.file_mtime_ns,
        file_size = excluded.file_size
      """,
      [
        .text(job.id), .text(job.title), .text(job.goal), .text(job.status.rawValue), optional(job.statusReason),
        .text(job.currentPhase), .int(Int64(job.attempt)), .int(Int64(job.agentRuns)), .real(usage.costUSD),
        .int(Int64(usage.totalTokens)), optional(job.lease?.host), job.lease.map { .int(Int64($0.pid)) } ?? .null,
        .text(JSONCoding.format(job.createdAt)), .text(JSONCoding.format(job.updatedAt)),
        .int(IndexedJob.milliseconds(job.createdAt)), .int(IndexedJob.milliseconds(job.updatedAt)), optional(finished),
        .int(Int64(job.revision ?? 0)), .int(stamp.mtimeNanoseconds), .int(stamp.size),
      ])
    try db.execute("DELETE FROM phase_runs WHERE job = ?", [.text(job.id)])
    for (offset, entry) in job.history.enumerated() { try insertRun(entry, number: offset + 1, job: job.id) }
    try replaceSearchTexts(job)
  }

  private func insertRun(_ entry: HistoryEntry, number: Int, job: String) throws(SQLiteError) {
    let usage = entry.usage
    try db.execute(
      """
      INSERT INTO phase_runs (job, number, phase, role, model, provider, container, attempt, actor, action, run,
        input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, actions, started_at, ended_at,
        superseded)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .text(job), .int(Int64(number)), .text(entry.phase), .text(entry.role), optional(entry.model),
        optional(entry.provider), optional(entry.container), .int(Int64(entry.attempt)), .text(entry.actor.rawValue),
        .text(entry.action.rawValue), optional(entry.run), .int(Int64(usage.inputTokens)),
        .int(Int64(usage.outputTokens)), .int(Int64(usage.cacheReadTokens)), .int(Int64(usage.cacheWriteTokens)),
        .real(usage.costUSD), .int(Int64(usage.actions)), .text(JSONCoding.format(entry.startedAt)),
        .text(JSONCoding.format(entry.endedAt)), .int(entry.superseded ? 1 : 0),
      ])
  }

  /// The search rows of a job live at rowids `jobs.rowid << 12` and up, so replacing them is a range delete.
  private func replaceSearchTexts(_ job: Manifest) throws(SQLiteError) {
    guard let base = try db.query("SELECT rowid FROM jobs WHERE id = ?", [.text(job.id)], { $0.int(0) }).first
    else { return }
    try deleteSearchTexts(jobRowID: base)
    var texts: [(field: String, number: Int, text: String)] = [("title", 0, job.title), ("goal", 0, job.goal)]
    if let feedback = job.feedback { texts.append(("feedback", 0, feedback)) }
    for (offset, entry) in job.history.enumerated() {
      texts.append(("summary", offset + 1, entry.summary))
      if let feedback = entry.feedback { texts.append(("feedback", offset + 1, feedback)) }
    }
    for (slot, item) in texts.prefix(4095).enumerated() {
      try db.execute(
        "INSERT INTO search (rowid, job, field, number, text) VALUES (?, ?, ?, ?, ?)",
        [
          .int(Int64((base << 12) + slot)), .text(job.id), .text(item.field), .int(Int64(item.number)),
          .text(item.text),
        ])
    }
  }

  private func deleteSearchTexts(jobRowID: Int) throws(SQLiteError) {
    try db.execute(
      "DELETE FROM search WHERE rowid BETWEEN ? AND ?",
      [.int(Int64(jobRowID << 12)), .int(Int64((jobRowID << 12) + 4095))])
  }

  /// Removes job `id` from the index (its directory is gone).
  func remove(_ id: String) throws(SQLiteError) {
    if let base = try db.query("SELECT rowid FROM jobs WHERE id = ?", [.text(id)], { $0.int(0) }).first {
      try deleteSearchTexts(jobRowID: base)
    }
    try db.execute("DELETE FROM jobs WHERE id = ?", [.text(id)])
    try db.execute("DELETE FROM unreadable_jobs WHERE id = ?", [.text(id)])
  }

  /// Records that job `id`'s manifest does not load, so listings can warn without reading it again.
  func markUnreadable(_ id: String, message: String, stamp: FileStamp) throws(SQLiteError) {
    try remove(id)
    try db.execute(
      "INSERT INTO unreadable_jobs (id, message, file_mtime_ns, file_size) VALUES (?, ?, ?, ?)",
      [.text(id), .text(message), .int(stamp.mtimeNanoseconds), .int(stamp.size)])
  }

  func optional(_ text: String?) -> SQLiteStatement.Value { text.map { .text($0) } ?? .null }
}
