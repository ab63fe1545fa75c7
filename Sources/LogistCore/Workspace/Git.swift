import CGit2
import Foundation

/// libgit2 set up once per process, and the translation of its return codes into ``LogistError``.
enum Git {
  /// Initialises libgit2 once (thread-safe: a lazily initialised static `let`) and makes it ignore the
  /// user's and the system's git configuration, so a job behaves the same on every machine.
  private static let initialized: Bool = {
    git_libgit2_init()
    _ = logist_git_clear_config_search_paths()
    return true
  }()

  /// Call before any libgit2 function.
  static func prepare() { _ = initialized }

  /// The identity every Logist commit carries (CI machines have no `user.name`).
  static let authorName = "logist"
  /// The e-mail of that identity.
  static let authorEmail = "logist@localhost"

  /// libgit2's message for the last failure on this thread.
  static func lastMessage(_ code: Int32) -> String {
    guard let error = git_error_last(), let text = error.pointee.message else { return "libgit2 error \(code)" }
    return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Throws a system error naming `what` when `code` is negative; returns `code` otherwise.
  @discardableResult
  static func check(_ code: Int32, _ what: @autoclosure () -> String) throws(LogistError) -> Int32 {
    guard code < 0 else { return code }
    throw LogistError(.system, "\(what()): \(lastMessage(code))")
  }

  /// A 40-hex object id as text.
  static func hex(_ oid: git_oid) -> String {
    var copy = oid
    var buffer = [CChar](repeating: 0, count: 41)
    git_oid_tostr(&buffer, buffer.count, &copy)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Parses a 40-hex object id.
  static func oid(_ hex: String) throws(LogistError) -> git_oid {
    var oid = git_oid()
    guard hex.utf8.count == 40, git_oid_fromstr(&oid, hex) == 0 else {
      throw .invalid("\"\(hex)\" is not a 40-character commit id")
    }
    return oid
  }

  /// The contents of a libgit2 buffer, freeing it.
  static func take(_ buffer: inout git_buf) -> Data {
    defer { git_buf_dispose(&buffer) }
    guard let pointer = buffer.ptr else { return Data() }
    return Data(bytes: pointer, count: buffer.size)
  }

  /// Calls `body` with `strings` as a `git_strarray`.
  static func withStrArray<T>(_ strings: [String], _ body: (inout git_strarray) -> T) -> T {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer {
      for pointer in pointers { free(pointer) }
    }
    return pointers.withUnsafeMutableBufferPointer { buffer in
      var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
      return body(&array)
    }
  }
}
