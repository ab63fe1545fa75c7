import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension JobStore {
  /// Throws when the jobs directory is a symbolic link whose target does not exist (a moved or
  /// unmounted directory), so no command reports the job as missing or tries to create it there.
  public static func checkRoot(_ root: URL) throws(LogistError) {
    var info = stat()
    guard lstat(root.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return }
    var target = stat()
    guard stat(root.path, &target) != 0 else { return }
    let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: root.path)) ?? "?"
    throw .invalid(
      "jobs directory \(root.path) is a symbolic link to \(destination), which does not exist: "
        + "create \(destination), or point --jobs-dir (or $LOGIST_JOBS_DIR) elsewhere")
  }
}
