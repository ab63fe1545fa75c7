import Foundation

extension Engine {
  /// The roles the role source gives now (built-in, the user's, `--roles-dir`), with `template`'s
  /// `roles/` on top; read from disk on each call.
  public func registry(template: URL? = nil) throws(LogistError) -> RoleRegistry {
    try roleSource.registry(template: template)
  }

  /// The job's frozen roles. A job made before roles were frozen has none: with `freeze` (under the
  /// job's lock) they are resolved from the role source now, written and recorded (`roles.frozen`);
  /// without, they are resolved and not written.
  func jobRoles(_ job: Manifest, freeze: Bool) throws(LogistError) -> FrozenRoles {
    let directory = store.directory(job.id)
    if let frozen = try FrozenRoles.read(in: directory) { return frozen }
    let frozen = try FrozenRoles.freeze(
      job.phases.map(\.role), from: try registry(), template: nil, at: clock.now())
    if freeze {
      try frozen.write(in: directory)
      try record(
        .rolesFrozen, job: job.id,
        ["roles": frozen.roles.keys.sorted().joined(separator: " "), "reason": "the job had no frozen roles"])
    }
    return frozen
  }

  /// The frozen role of the job's current phase.
  func phaseRole(_ job: Manifest, freeze: Bool = true) throws(LogistError) -> ResolvedRole {
    try jobRoles(job, freeze: freeze).role(job.phase.role, for: job.phase.name)
  }

  /// The frozen role of the ready job's current phase and its provider, after checking the programs
  /// the role runs are the ones frozen with it (the job's roles are read once).
  func readyPhase(_ job: Manifest) throws(LogistError) -> (ResolvedRole, any AgentProvider) {
    guard job.status == .ready else { throw JobStateError.notRunnable(job) }
    let frozen = try jobRoles(job, freeze: true)
    let role = try frozen.role(job.phase.role, for: job.phase.name)
    try frozen.verify(role.name, job: job.id)
    return (role, try provider(for: role))
  }

  /// `job roles ID`: the job's frozen roles (resolved on the fly, not written, for a job made before
  /// roles were frozen).
  public func roles(of id: String) throws(LogistError) -> FrozenRoles {
    let job = try inspect(id)
    return try jobRoles(job, freeze: false)
  }

  /// `job roles ID --refresh`: resolves the job's roles again from the role source (and the template's
  /// `roles/` it was created from, when that still exists), writes them, records `roles.refreshed`,
  /// and returns what changed.
  public func refreshRoles(_ id: String) throws(LogistError) -> RolesRefresh {
    try withJob(id) { (job: inout Manifest) throws(LogistError) -> RolesRefresh in
      let directory = store.directory(id)
      let before = try FrozenRoles.read(in: directory)
      let template = before?.template.map { URL(fileURLWithPath: $0, isDirectory: true) }
      let usable = template.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
      let after = try FrozenRoles.freeze(
        job.phases.map(\.role), from: try registry(template: usable), template: template, at: clock.now())
      let refresh = RolesRefresh(before: before, after: after)
      try after.write(in: directory)
      try record(
        .rolesRefreshed, job: id,
        ["changes": refresh.changes.isEmpty ? "none" : refresh.changes.joined(separator: "; ")])
      return refresh
    }
  }
}

/// What `job roles --refresh` changed.
public struct RolesRefresh: Sendable {
  /// The roles before (nil for a job that had none frozen).
  public let before: FrozenRoles?
  /// The roles now.
  public let after: FrozenRoles

  /// One line per change: `worker: provider.command ["./a.sh"] -> ["./b.sh"]`,
  /// `worker: /x/worker.sh sha256 1a2b… -> 3c4d…`, `reviewer: added`.
  public var changes: [String] {
    var lines: [String] = []
    let names = Set(after.roles.keys).union(before?.roles.keys ?? [:].keys)
    for name in names.sorted() {
      guard let new = after.roles[name] else {
        lines.append("\(name): removed")
        continue
      }
      guard let old = before?.roles[name] else {
        lines.append("\(name): added")
        continue
      }
      let keys = Set(RoleRegistry.paths(of: old.document, prefix: "")).union(
        RoleRegistry.paths(of: new.document, prefix: ""))
      for key in keys.sorted() {
        let was = RoleRegistry.leaf(old.document, key)
        let now = RoleRegistry.leaf(new.document, key)
        if was != now { lines.append("\(name): \(key) \(Self.show(was)) -> \(Self.show(now))") }
      }
      let oldFiles = Dictionary(old.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
      for file in new.files where oldFiles[file.path] != file.sha256 {
        let was = oldFiles[file.path].map { String($0.prefix(12)) } ?? "(not pinned)"
        lines.append("\(name): \(file.path) sha256 \(was) -> \(file.sha256.prefix(12))")
      }
    }
    return lines
  }

  private static func show(_ value: JSONValue?) -> String {
    guard let value else { return "(unset)" }
    let text = value.description
    return text.count > 60 ? String(text.prefix(59)) + "…" : text
  }
}
