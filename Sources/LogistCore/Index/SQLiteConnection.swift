import CSQLite
import Foundation

/// One connection to a SQLite file, in the spirit of SwiftPM's wrapper: WAL journal, a busy timeout,
/// extended result codes, `BEGIN IMMEDIATE` for writes, prepared statements only.
///
/// Not Sendable: one connection per thread.
public final class SQLiteConnection {
  private let handle: OpaquePointer
  /// The file.
  public let path: String
  private var statements: [String: SQLiteStatement] = [:]

  /// Opens (creating) the file at `path`; checks that WAL mode took effect.
  public init(path: String, busyTimeoutMilliseconds: Int32 = 10_000) throws(SQLiteError) {
    var db: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(path, &db, flags, nil)
    guard code == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close(db)
      throw SQLiteError(code: code, message: "cannot open: \(message)")
    }
    handle = db
    self.path = path
    sqlite3_extended_result_codes(db, 1)
    sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    let mode = try query("PRAGMA journal_mode=WAL") { $0.text(0) }.first ?? ""
    guard mode.lowercased() == "wal" else {
      throw SQLiteError(code: SQLITE_ERROR, message: "journal_mode is \"\(mode)\", not wal")
    }
    try execute("PRAGMA synchronous=NORMAL")
    try execute("PRAGMA foreign_keys=ON")
  }

  deinit {
    statements.removeAll()
    sqlite3_close_v2(handle)
  }

  /// The error for a failed call, with the connection's message.
  func error(_ code: Int32, _ doing: String) -> SQLiteError {
    let extended = sqlite3_extended_errcode(handle)
    let text = String(cString: sqlite3_errmsg(handle))
    return SQLiteError(code: extended != 0 ? extended : code, message: "\(doing): \(text)")
  }

  /// A prepared statement for `sql`, cached by its text.
  public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    if let cached = statements[sql] { return cached }
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else {
      throw error(code, "preparing \(sql.prefix(60))")
    }
    let prepared = SQLiteStatement(handle: statement, connection: self)
    statements[sql] = prepared
    return prepared
  }

  /// Runs one statement with bound values.
  public func execute(_ sql: String, _ values: [SQLiteStatement.Value] = []) throws(SQLiteError) {
    try prepare(sql).run(values)
  }

  /// Runs a script of statements without parameters (schema migrations).
  public func executeScript(_ sql: String) throws(SQLiteError) {
    var message: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(handle, sql, nil, nil, &message)
    if code != SQLITE_OK {
      let text = message.map { String(cString: $0) } ?? "error"
      sqlite3_free(message)
      throw SQLiteError(code: sqlite3_extended_errcode(handle), message: "running the schema script: \(text)")
    }
  }

  /// Rows of a query, mapped by `row`.
  public func query<T>(_ sql: String, _ values: [SQLiteStatement.Value] = [], _ row: (SQLiteStatement) -> T)
    throws(SQLiteError) -> [T]
  {
    try prepare(sql).rows(values, row)
  }

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction (the write lock is taken up front, so two writers
  /// wait on the busy timeout instead of failing on upgrade); commits, or rolls back on error.
  public func write<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
    try execute("BEGIN IMMEDIATE")
    do throws(SQLiteError) {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// `PRAGMA user_version`: the schema version.
  public var userVersion: Int {
    get throws(SQLiteError) { try query("PRAGMA user_version") { $0.int(0) }.first ?? 0 }
  }

  /// Rows changed by the last statement.
  public var changes: Int { Int(sqlite3_changes(handle)) }
}
