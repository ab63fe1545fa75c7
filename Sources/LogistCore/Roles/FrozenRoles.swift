import Foundation

/// The roles a job runs with, resolved once at `job create` and kept in `<job>/roles.json`: each
/// role's effective configuration with where every key came from, and the sha256 of every program a
/// role runs from a role directory (`./worker.sh`). Later commands use these, whatever the current
/// directory, flags or role directories say; `job roles ID --refresh` re-resolves them on purpose.
public struct FrozenRoles: Codable, Sendable, Equatable {
  /// A program a role runs, pinned by content.
  public struct PinnedFile: Codable, Sendable, Equatable {
    /// Its absolute path.
    public var path: String
    /// The sha256 of its bytes when the roles were frozen.
    public var sha256: String
  }

  /// One frozen role.
  public struct Entry: Codable, Sendable, Equatable {
    /// The effective role document.
    public var document: JSONValue
    /// For each key path, `built-in` or the role file that set it.
    public var sources: [String: String]
    /// Programs the role runs from a role directory, pinned.
    public var files: [PinnedFile]
  }

  /// Format version of `roles.json`.
  public var schemaVersion: Int
  /// When the roles were resolved.
  public var frozenAt: Date
  /// The overlay directories searched, lowest precedence first (built-in roles below them).
  public var searched: [String]
  /// The template whose `roles/` was searched, when the job came from one.
  public var template: String?
  /// Roles by name: those the job's phases use.
  public var roles: [String: Entry]

  /// The file name in a job directory.
  public static let fileName = "roles.json"

  /// Freezes the roles `names` of `registry`.
  public static func freeze(
    _ names: [String], from registry: RoleRegistry, template: URL?, at date: Date
  ) throws(LogistError) -> FrozenRoles {
    var roles: [String: Entry] = [:]
    for name in Set(names) {
      let role = try registry.role(name)
      roles[name] = Entry(document: role.document, sources: role.sources, files: try pins(role))
    }
    return FrozenRoles(
      schemaVersion: 1, frozenAt: date, searched: registry.overlays.map(\.path), template: template?.path,
      roles: roles)
  }

  /// The pinned programs of `role`: every `./x` or `../x` program of its provider and fallbacks, and
  /// its `chatCommand`, resolved against the role file that named it.
  static func pins(_ role: ResolvedRole) throws(LogistError) -> [PinnedFile] {
    var paths: [String] = []
    for candidate in AgentCandidate.all(for: role) where candidate.config.kind == "command" {
      for argv in [candidate.config.command, candidate.config.chatCommand].compactMap({ $0 }) {
        guard let first = argv.first, first.hasPrefix("./") || first.hasPrefix("../") else { continue }
        if let path = candidate.resolve(argv).first, path.hasPrefix("/") { paths.append(path) }
      }
    }
    var files: [PinnedFile] = []
    for path in Set(paths).sorted() {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw .invalid("role \(role.name): cannot read \(path), the program it runs: check the path in the role file")
      }
      files.append(PinnedFile(path: path, sha256: SHA256.hex(data)))
    }
    return files
  }

  /// The resolved role `name`.
  public func role(_ name: String, for phase: String? = nil) throws(LogistError) -> ResolvedRole {
    guard let entry = roles[name] else {
      let prefix = phase.map { "phase \($0): " } ?? ""
      throw .invalid(
        "\(prefix)role \"\(name)\" is not among the job's frozen roles (\(roles.keys.sorted().joined(separator: ", "))): "
          + "`logist job roles ID --refresh` resolves them again")
    }
    return try RoleRegistry.resolve(
      name, document: entry.document, sources: entry.sources, file: "\(Self.fileName) role \(name)")
  }

  /// The frozen roles as a registry (for checks that take one, such as `job validate`).
  public func registry() throws(LogistError) -> RoleRegistry {
    var resolved: [String: ResolvedRole] = [:]
    for name in roles.keys { resolved[name] = try role(name) }
    return RoleRegistry(roles: resolved, directory: nil)
  }

  /// Throws when a pinned program of role `name` is missing or changed since it was frozen.
  public func verify(_ name: String, job: String) throws(LogistError) {
    for file in roles[name]?.files ?? [] {
      guard let data = FileManager.default.contents(atPath: file.path) else {
        throw .invalid(
          "role \(name) of job \(job) runs \(file.path), which is gone: restore it, or "
            + "`logist job roles \(job) --refresh` to resolve the roles again")
      }
      let now = SHA256.hex(data)
      guard now == file.sha256 else {
        throw .invalid(
          "role \(name) of job \(job) runs \(file.path), which changed since the job froze its roles "
            + "(sha256 \(file.sha256.prefix(12)) then, \(now.prefix(12)) now): check it, then "
            + "`logist job roles \(job) --refresh` to accept it")
      }
    }
  }

  /// Reads `<jobDirectory>/roles.json`; nil when the job has none (made before roles were frozen).
  public static func read(in jobDirectory: URL) throws(LogistError) -> FrozenRoles? {
    let url = jobDirectory.appendingPathComponent(fileName)
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    do {
      return try JSONCoding.decoder().decode(FrozenRoles.self, from: data)
    } catch {
      throw .invalid("\(url.path) is not a valid roles file (\(error)): `logist job roles ID --refresh` rewrites it")
    }
  }

  /// Writes `<jobDirectory>/roles.json` atomically.
  public func write(in jobDirectory: URL) throws(LogistError) {
    let data: Data
    do {
      data = try JSONCoding.encoder().encode(self)
    } catch {
      throw LogistError(.system, "cannot encode the job's roles: \(error)")
    }
    try AtomicFile.write(data, to: jobDirectory.appendingPathComponent(Self.fileName))
  }
}
