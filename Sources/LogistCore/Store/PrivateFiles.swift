import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The modes of what logist writes, set explicitly whatever the umask: directories 0700, files 0600,
/// like `gh` and `docker` keep their credential-bearing files (job directories hold prompts, agent
/// logs and responses). The workspace checkout inside a job keeps the modes git gives the user's files;
/// its job directory is private.
public enum PrivateFiles {
  /// Mode of every file logist writes in the jobs directory.
  public static let fileMode: mode_t = 0o600
  /// Mode of every directory logist creates.
  public static let directoryMode: mode_t = 0o700

  /// Creates `url` and its missing parents, each one created 0700; existing directories are left as
  /// they are.
  public static func createDirectory(_ url: URL) throws(LogistError) {
    var missing: [String] = []
    var current = url.standardizedFileURL
    while current.path != "/", !FileManager.default.fileExists(atPath: current.path) {
      missing.append(current.path)
      current = current.deletingLastPathComponent()
    }
    for path in missing.reversed() {
      if mkdir(path, directoryMode) != 0 && errno != EEXIST { throw SystemCall.failure("mkdir", path) }
      _ = chmod(path, directoryMode)
    }
  }

  /// Creates the file at `path` if it is missing and gives it logist's file mode (for files another
  /// library writes: SQLite creates `logist.db`'s `-wal` and `-shm` with the database's mode).
  public static func prepareFile(_ path: String) {
    let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, fileMode)
    guard fd >= 0 else { return }
    restrict(fd)
    _ = Glibc.close(fd)
  }

  /// Gives an open file logist's file mode (best effort: a file someone else owns keeps its mode).
  static func restrict(_ fd: Int32) { _ = fchmod(fd, fileMode) }

  /// A warning when the jobs directory exists and is group- or world-writable (someone else could
  /// change jobs, or swap a job's files), nil otherwise.
  public static func permissionWarning(jobsDirectory: URL) -> String? {
    var info = stat()
    guard stat(jobsDirectory.path, &info) == 0 else { return nil }
    let mode = info.st_mode & 0o777
    guard mode & 0o022 != 0 else { return nil }
    let who = mode & 0o002 != 0 ? "world" : "group"
    return "jobs directory \(jobsDirectory.path) is \(who)-writable (mode \(String(mode, radix: 8))): others can "
      + "change its jobs; run `chmod 700 \(jobsDirectory.path)`"
  }
}
