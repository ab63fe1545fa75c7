#if canImport(Glibc)
  import Glibc
#endif

/// Finds the file `execve` will run, the way a shell does, so a missing program gets a clear error
/// before anything is spawned.
public enum ExecutableLocator {
  /// The search path used when the environment has no `PATH`.
  public static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

  /// The absolute path of `name`: itself (relative to `workingDirectory`) when it contains a `/`,
  /// otherwise the first executable regular file of that name on `searchPath`.
  /// - Throws: when there is none, saying whether it is missing from PATH or present but not executable.
  public static func resolve(
    _ name: String, searchPath: String?, workingDirectory: String
  ) throws(LogistError) -> String {
    guard !name.isEmpty else {
      throw .invalid("the command is empty: give the executable to run as the first argument")
    }
    if name.contains("/") {
      let path = name.hasPrefix("/") ? name : workingDirectory + "/" + name
      switch check(path) {
      case .runnable: return path
      case .missing: throw .invalid("\(name): no such file: check the path of the executable")
      case .directory: throw .invalid("\(name) is a directory, not an executable: check the path")
      case .notExecutable: throw .invalid("\(name) is not executable: run `chmod +x \(path)` or fix the path")
      }
    }
    let path = searchPath ?? defaultSearchPath
    var notExecutable: String?
    for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
      let base = directory.isEmpty ? workingDirectory : String(directory)
      let candidate = base.hasSuffix("/") ? base + name : base + "/" + name
      switch check(candidate) {
      case .runnable: return candidate
      case .notExecutable: notExecutable = notExecutable ?? candidate
      case .missing, .directory: continue
      }
    }
    if let notExecutable {
      throw .invalid("\(name) was found at \(notExecutable) but is not executable: run `chmod +x \(notExecutable)`")
    }
    throw .invalid("\(name) was not found on PATH (\(path)): install it, or give the full path to the executable")
  }

  private enum Candidate { case runnable, missing, directory, notExecutable }

  private static func check(_ path: String) -> Candidate {
    var info = stat()
    guard stat(path, &info) == 0 else { return .missing }
    if info.st_mode & S_IFMT == S_IFDIR { return .directory }
    guard info.st_mode & S_IFMT == S_IFREG, access(path, X_OK) == 0 else { return .notExecutable }
    return .runnable
  }
}
