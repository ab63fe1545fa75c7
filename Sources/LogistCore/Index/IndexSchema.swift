/// The index's tables, as forward migrations: `PRAGMA user_version` says how many have run.
///
/// A migration never edits an earlier one. Everything in the index is derived from the jobs directory,
/// so a migration that adds derived data asks for a reindex (``Migration/reindexes``) instead of
/// computing it in SQL.
enum IndexSchema {
  /// One step forward.
  struct Migration {
    /// The version the database has after it.
    let version: Int
    /// The SQL.
    let sql: String
    /// Whether every job must be reindexed afterwards (the migration added derived data).
    let reindexes: Bool
  }

  /// The version this build writes.
  static var current: Int { migrations.last?.version ?? 0 }

  /// Every migration, oldest first.
  static let migrations: [Migration] = [
    Migration(version: 1, sql: version1, reindexes: true),
    Migration(version: 2, sql: version2, reindexes: true),
  ]

  /// Jobs, phase runs, events and the files events come from.
  private static let version1 = """
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      goal TEXT NOT NULL,
      status TEXT NOT NULL,
      status_reason TEXT,
      current_phase TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      runs INTEGER NOT NULL,
      cost_usd REAL NOT NULL,
      tokens INTEGER NOT NULL,
      lease_host TEXT,
      lease_pid INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL,
      finished_at TEXT,
      revision INTEGER NOT NULL,
      file_mtime_ns INTEGER NOT NULL,
      file_size INTEGER NOT NULL
    );
    CREATE INDEX jobs_by_status ON jobs(status);
    CREATE INDEX jobs_by_updated ON jobs(updated_ms);
    CREATE TABLE unreadable_jobs (
      id TEXT PRIMARY KEY,
      message TEXT NOT NULL,
      file_mtime_ns INTEGER NOT NULL,
      file_size INTEGER NOT NULL
    );
    CREATE TABLE phase_runs (
      job TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      number INTEGER NOT NULL,
      phase TEXT NOT NULL,
      role TEXT NOT NULL,
      model TEXT,
      provider TEXT,
      container TEXT,
      attempt INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      run TEXT,
      input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      cache_read_tokens INTEGER NOT NULL,
      cache_write_tokens INTEGER NOT NULL,
      cost_usd REAL NOT NULL,
      actions INTEGER NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT NOT NULL,
      superseded INTEGER NOT NULL,
      PRIMARY KEY (job, number)
    );
    CREATE TABLE events (
      seq INTEGER PRIMARY KEY,
      source TEXT NOT NULL,
      line INTEGER NOT NULL,
      time TEXT NOT NULL,
      job TEXT NOT NULL,
      run TEXT,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      UNIQUE (source, line)
    );
    CREATE INDEX events_by_time ON events(time);
    CREATE INDEX events_by_job ON events(job, time);
    CREATE TABLE event_sources (
      path TEXT PRIMARY KEY,
      offset INTEGER NOT NULL,
      lines INTEGER NOT NULL
    );
    """

  /// Full-text search over titles, goals, summaries and feedback; batches.
  private static let version2 = """
    CREATE VIRTUAL TABLE search USING fts5(
      job UNINDEXED, field UNINDEXED, number UNINDEXED, text, tokenize = 'porter unicode61'
    );
    CREATE TABLE batches (
      name TEXT PRIMARY KEY,
      state TEXT NOT NULL,
      parallel INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      file_mtime_ns INTEGER NOT NULL,
      file_size INTEGER NOT NULL
    );
    CREATE TABLE batch_jobs (
      batch TEXT NOT NULL REFERENCES batches(name) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      job TEXT NOT NULL,
      state TEXT NOT NULL,
      final_status TEXT,
      PRIMARY KEY (batch, position)
    );
    """
}
