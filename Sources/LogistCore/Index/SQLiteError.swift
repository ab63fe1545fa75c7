import CSQLite

/// A failed SQLite call: the extended result code and SQLite's own message.
///
/// The index turns it into a ``LogistError`` naming the database file and what to do
/// (see ``asLogistError(path:)``).
public struct SQLiteError: Error, Sendable, Equatable {
  /// The extended result code (`SQLITE_BUSY`, `SQLITE_CORRUPT`, `SQLITE_NOTADB`, …).
  public let code: Int32
  /// SQLite's message, with what was being done.
  public let message: String

  /// Makes one.
  public init(code: Int32, message: String) {
    self.code = code
    self.message = message
  }

  /// The primary result code (the low byte of the extended one).
  public var primaryCode: Int32 { code & 0xFF }

  /// Whether the file is damaged or not a database at all: the index should be rebuilt from the jobs.
  public var meansCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

  /// Whether another connection held the database longer than the busy timeout.
  public var meansBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

  /// One line naming the file, the SQLite code and what to do.
  public func asLogistError(path: String) -> LogistError {
    let advice: String
    if meansCorrupt {
      advice = "the index is damaged: run `logist index rebuild` (the jobs themselves are not affected)"
    } else if meansBusy {
      advice = "another logist process kept the index busy; try again"
    } else if primaryCode == SQLITE_FULL {
      advice = SystemCall.diskFullAdvice
    } else if primaryCode == SQLITE_READONLY || primaryCode == SQLITE_CANTOPEN || primaryCode == SQLITE_PERM {
      advice = "check the permissions of the jobs directory and of logist.db"
    } else {
      advice = "run `logist index rebuild`; the jobs themselves are not affected"
    }
    return LogistError(.system, "index \(path): \(message) (SQLite code \(code)); \(advice)")
  }
}
