import CGit2
import CSQLite

/// Versions of Logist and the C libraries it links.
public enum LogistVersion {
  /// Logist's version.
  public static let logist = "0.1.0"

  /// libgit2's version, as linked.
  public static var libgit2: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    var revision: Int32 = 0
    git_libgit2_version(&major, &minor, &revision)
    return "\(major).\(minor).\(revision)"
  }

  /// SQLite's version, as linked.
  public static var sqlite: String { String(cString: sqlite3_libversion()) }
}
