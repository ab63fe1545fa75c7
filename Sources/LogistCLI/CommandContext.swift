import Foundation
import LogistCore

/// What every command gets: resolved directories and output streams.
public final class CommandContext {
  /// The jobs directory.
  public let jobsDirectory: URL
  /// The role overlay directory, if any.
  public let rolesDirectory: URL?
  /// `logist` plus the global options given, for the commands the output suggests.
  public let prefix: String
  /// Where results go.
  public var out: (String) -> Void
  /// Where progress and warnings go.
  public var err: (String) -> Void

  /// Resolves `--jobs-dir` / `LOGIST_JOBS_DIR` / `~/.logist/jobs` and `--roles-dir` / `LOGIST_ROLES_DIR` / `./Roles`.
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
      let local = absolute("Roles")
      rolesDirectory = FileManager.default.fileExists(atPath: local.path) ? local : nil
    }
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

  /// The role registry (built-in roles with the overlay directory).
  public func roles() throws(LogistError) -> RoleRegistry {
    if let dir = rolesDirectory, !FileManager.default.fileExists(atPath: dir.path) {
      throw .invalid("roles directory \(dir.path) does not exist; check --roles-dir or LOGIST_ROLES_DIR")
    }
    return try RoleRegistry.load(directory: rolesDirectory)
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
    let roles = try roles()
    let prices = try PriceTable.load(rolesDirectory: roles.directory, jobsDirectory: store.root)
    return Engine(store: store, roles: roles, prices: prices)
  }
}
