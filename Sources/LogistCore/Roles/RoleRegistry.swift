import Foundation

/// The roles a job can use: the built-in ones, overlaid key by key by `<roles-dir>/<name>.json`.
public struct RoleRegistry: Sendable {
  /// Roles by name.
  public let roles: [String: ResolvedRole]
  /// The overlay directory of highest precedence, when there is one.
  public let directory: URL?
  /// Every overlay directory, lowest precedence first.
  public let overlays: [URL]

  /// Loads the built-in roles and overlays `directory` (when given and present).
  public static func load(directory: URL?) throws(LogistError) -> RoleRegistry {
    try load(overlays: directory.map { [$0] } ?? [])
  }

  /// Loads the built-in roles and overlays each directory of `overlays` in turn (lowest precedence
  /// first; a missing one is skipped), key by key.
  public static func load(overlays: [URL]) throws(LogistError) -> RoleRegistry {
    var documents: [String: (JSONValue, [String: String], String)] = [:]
    for (file, text) in EmbeddedResources.roles {
      let name = String(file.dropLast(".json".count))
      let value = try SchemaCatalog.parse(Data(text.utf8), file: "built-in role \(file)")
      documents[name] = (value, paths(of: value, prefix: "").reduce(into: [:]) { $0[$1] = "built-in" }, "built-in")
    }
    for directory in overlays where FileManager.default.fileExists(atPath: directory.path) {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      for file in files.sorted() where file.hasSuffix(".json") && file != "pricing.json" {
        let url = directory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
          throw LogistError(.system, "cannot read role file \(url.path)")
        }
        let overlay = try SchemaCatalog.parse(data, file: url.path)
        let name = String(file.dropLast(".json".count))
        let base = documents[name] ?? (.object([:]), [:], url.path)
        let merged = merge(base.0, overlay)
        var sources = base.1
        for path in paths(of: overlay, prefix: "") where leaf(base.0, path) != leaf(overlay, path) {
          sources[path] = url.path
        }
        documents[name] = (merged, sources, url.path)
      }
    }
    var roles: [String: ResolvedRole] = [:]
    for (name, (value, sources, origin)) in documents {
      let file = origin == "built-in" ? "built-in role \(name)" : origin
      roles[name] = try resolve(name, document: value, sources: sources, file: file)
    }
    return RoleRegistry(roles: roles, directory: overlays.last, overlays: overlays)
  }

  /// Checks a role document (schema, name, prompt template, command) and decodes it.
  static func resolve(_ name: String, document value: JSONValue, sources: [String: String], file: String)
    throws(LogistError) -> ResolvedRole
  {
    try SchemaCatalog.require(value, file: file, against: .role)
    let role = try SchemaCatalog.decode(Role.self, from: value, file: file)
    if let declared = role.name, declared != name {
      throw .invalid("\(file): name: \"\(declared)\" does not match the file name \"\(name)\"")
    }
    try PromptBuilder.checkTemplate(role.instructions, file: file)
    if role.provider.kind == "command", role.provider.command?.isEmpty ?? true {
      throw .invalid("\(file): provider.command: a command provider needs the program to run, e.g. [\"./agent.sh\"]")
    }
    if role.provider.isolation != nil, !AgentCandidate.liveKinds.contains(role.provider.kind) {
      throw .invalid(
        "\(file): provider.isolation: only command, claude, codex and cline agents run in a sandbox, "
          + "not \(role.provider.kind): remove it")
    }
    return ResolvedRole(name: name, role: role, document: value, sources: sources)
  }

  /// A registry of these roles.
  public init(roles: [String: ResolvedRole], directory: URL?, overlays: [URL] = []) {
    self.roles = roles
    self.directory = directory
    self.overlays = overlays.isEmpty ? (directory.map { [$0] } ?? []) : overlays
  }

  /// The role `name`, or an error listing the roles there are.
  public func role(_ name: String, for phase: String? = nil) throws(LogistError) -> ResolvedRole {
    if let role = roles[name] { return role }
    let prefix = phase.map { "phase \($0): " } ?? ""
    let place = (["built-in roles"] + overlays.map(\.path)).joined(separator: ", ")
    throw .invalid(
      "\(prefix)no role \"\(name)\" (roles: \(roles.keys.sorted().joined(separator: ", ")); searched \(place))")
  }

  /// Overlay wins; objects merge key by key.
  static func merge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
    guard case .object(var left) = base, case .object(let right) = overlay else { return overlay }
    for (key, value) in right {
      left[key] = left[key].map { merge($0, value) } ?? value
    }
    return .object(left)
  }

  /// The value at a dotted key path.
  static func leaf(_ value: JSONValue, _ path: String) -> JSONValue? {
    var current: JSONValue? = value
    for part in path.split(separator: ".") { current = current?[String(part)] }
    return current
  }

  /// Leaf key paths of a document (`provider.kind`, `instructions`).
  static func paths(of value: JSONValue, prefix: String) -> [String] {
    guard case .object(let object) = value else { return prefix.isEmpty ? [] : [prefix] }
    return object.keys.sorted().flatMap { key in
      paths(of: object[key] ?? .null, prefix: prefix.isEmpty ? key : prefix + "." + key)
    }
  }
}
