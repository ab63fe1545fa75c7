import CSQLite
import Foundation

/// A prepared statement with bound parameters (never SQL built from values).
///
/// Bind with ``bind(_:)`` then call ``step()`` until it returns false, reading columns in between.
public final class SQLiteStatement {
  private let handle: OpaquePointer
  private unowned let connection: SQLiteConnection

  init(handle: OpaquePointer, connection: SQLiteConnection) {
    self.handle = handle
    self.connection = connection
  }

  deinit { sqlite3_finalize(handle) }

  /// A value to bind.
  public enum Value: Sendable, Equatable {
    /// Text.
    case text(String)
    /// An integer.
    case int(Int64)
    /// A double.
    case real(Double)
    /// NULL.
    case null
  }

  /// Resets the statement and binds `values` to parameters 1…n.
  public func bind(_ values: [Value]) throws(SQLiteError) {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let code: Int32
      switch value {
      case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, logist_sqlite_transient())
      case .int(let number): code = sqlite3_bind_int64(handle, index, number)
      case .real(let number): code = sqlite3_bind_double(handle, index, number)
      case .null: code = sqlite3_bind_null(handle, index)
      }
      if code != SQLITE_OK { throw connection.error(code, "binding parameter \(index)") }
    }
  }

  /// Advances: true when a row is ready, false when done.
  public func step() throws(SQLiteError) -> Bool {
    let code = sqlite3_step(handle)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    throw connection.error(code, "running \(String(cString: sqlite3_sql(handle)).prefix(60))")
  }

  /// Binds, runs to completion, ignores rows.
  public func run(_ values: [Value] = []) throws(SQLiteError) {
    try bind(values)
    while try step() {}
  }

  /// Binds and collects every row through `row`.
  public func rows<T>(_ values: [Value] = [], _ row: (SQLiteStatement) -> T) throws(SQLiteError) -> [T] {
    try bind(values)
    var result: [T] = []
    while try step() { result.append(row(self)) }
    return result
  }

  /// Text of column `index` ("" for NULL).
  public func text(_ index: Int32) -> String {
    guard let pointer = sqlite3_column_text(handle, index) else { return "" }
    return String(cString: pointer)
  }

  /// Text of column `index`, nil for NULL.
  public func optionalText(_ index: Int32) -> String? {
    sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : text(index)
  }

  /// Whether column `index` is NULL.
  public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

  /// Integer of column `index`.
  public func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }

  /// Double of column `index`.
  public func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }
}
