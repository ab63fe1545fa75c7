import Foundation
import LogistCore

/// What every command gets: resolved directories and output streams.
public final class CommandContext {
  /// The jobs directory.
  public let jobsDirectory: URL
  /// The role overlay directory (`--roles-dir` / `$LOGIST_ROLES_DIR`), if any.
  public let rolesDirectory: URL?
  /// The user's own role overlays, `$XDG_CONFIG_HOME/logist/roles` (used when it exists).
  public let userRolesDirectory: URL?
  /// `logist` plus the global options given, for the commands the output suggests.
  public let prefix: String
  /// Where results go.
  public var out: (String) -> Void
  /// Where progress and warnings go.
  public var err: (String) -> Void

  /// Resolves `--jobs-dir` / `LOGIST_JOBS_DIR` / `~/.logist/jobs`, `--roles-dir` / `LOGIST_ROLES_DIR`, and
  /// the user's role directory. The current directory is never a source of roles.
  public init(jobsDir: String?, rolesDir: String?, environment: [String: String], currentDirectory: String) {
    func absolute(_ path: String) -> URL {
      let expanded = path.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst(1) : path
      return URL(fileURLWithPath: expanded, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
        .standardizedFileURL
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    if let dir = jobsDir ?? environment["LOGIST_JOBS_DIR"], !dir.isEmpty {
      jobsDirectory = absolute(dir)
    } else {
      jobsDirectory = URL(fileURLWithPath: home).appendingPathComponent(".logist/jobs", isDirectory: true)
    }
    if let dir = rolesDir ?? environment["LOGIST_ROLES_DIR"], !dir.isEmpty {
      rolesDirectory = absolute(dir)
    } else {
      rolesDirectory = nil
    }
    userRolesDirectory = RoleSource.userDirectory(environment: environment)
    let quote = { (text: String) in
      text.allSatisfy { $0.isLetter || $0.isNumber || "/._-~".contains($0) } ? text : "'\(text)'"
    }
    prefix =
      (["logist"] + (jobsDir.map { ["--jobs-dir", quote($0)] } ?? [])
      + (rolesDir.map { ["--roles-dir", quote($0)] } ?? []))
      .joined(separator: " ")
    out = { Console.out($0) }
    err = { Console.err($0) }
  }

  /// The job store.
  public var store: JobStore { JobStore(root: jobsDirectory) }

  /// Where roles come from: built-in, the user's directory, `--roles-dir`.
  public var roleSource: RoleSource { RoleSource(userDirectory: userRolesDirectory, overlayDirectory: rolesDirectory) }

  /// The role registry (built-in roles, the user's overlays, the `--roles-dir` overlay).
  public func roles() throws(LogistError) -> RoleRegistry {
    try roleSource.registry()
  }

  /// The index, opened and brought up to date with the manifests (and, with `events`, the event logs);
  /// nil when the jobs directory does not exist. What it had to repair is said once on standard error.
  public func index(events: Bool = false) throws(LogistError) -> JobIndex? {
    guard let index = try JobIndex.open(store) else { return nil }
    try index.refreshJobs()
    if events { try index.refreshEvents() }
    for notice in index.notices { err(notice + "\n") }
    return index
  }

  /// An engine over the store and roles.
  public func engine() throws(LogistError) -> Engine {
    let prices = try PriceTable.load(rolesDirectory: rolesDirectory ?? userRolesDirectory, jobsDirectory: store.root)
    return Engine(store: store, roles: roleSource, prices: prices)
  }
}
