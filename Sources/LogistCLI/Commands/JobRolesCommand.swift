import Foundation
import LogistCore

/// `job roles`: the roles frozen into a job, and `--refresh` to resolve them again on purpose.
enum JobRolesCommand {
  static let spec = CommandSpec(
    ["job", "roles"], "Show the roles frozen into a job; --refresh resolves them again",
    discussion: """
      job create resolves every role the strategy uses (the template's roles/ beside its job.json first, \
      then --roles-dir or $LOGIST_ROLES_DIR, then $XDG_CONFIG_HOME/logist/roles, then the built-in roles) \
      and freezes them into the job (roles.json), with where each key came from and the sha256 of every \
      program a role runs from a role directory. Every later command uses these, whatever the current \
      directory or flags; a pinned program that changed stops the next run until it is accepted. \
      --refresh resolves them again from the same places (and --roles-dir given now), prints what \
      changed and records a roles.refreshed event.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [.flag("refresh", "Resolve the roles again and keep the result"), .json]
  ) { args, context throws(LogistError) in
    let engine = try context.engine()
    let id = args.argument("ID")
    let frozen: FrozenRoles
    var changes: [String]?
    if args.flag("refresh") {
      let refresh = try engine.refreshRoles(id)
      frozen = refresh.after
      changes = refresh.changes
    } else {
      frozen = try engine.roles(of: id)
    }
    if args.flag("json") {
      context.out(try Output.json(JobRolesView(frozen, changes: changes)))
      return 0
    }
    var text = ""
    if let changes {
      text +=
        changes.isEmpty
        ? "roles of job \(id) resolved again: nothing changed\n" : "roles of job \(id) resolved again:\n"
      for change in changes { text += "  \(change)\n" }
      text += "\n"
    }
    text += "roles of job \(id), frozen \(JSONCoding.format(frozen.frozenAt))"
    text += frozen.template.map { " (template \($0))" } ?? ""
    text += "\n"
    var rows = [["role", "provider", "model", "from"]]
    for name in frozen.roles.keys.sorted() {
      guard let entry = frozen.roles[name] else { continue }
      let kind = entry.document["provider"]?["kind"]?.stringValue ?? "?"
      let model = entry.document["model"]?.stringValue ?? "?"
      rows.append([name, kind, model, Set(entry.sources.values).sorted().joined(separator: " + ")])
    }
    text += Output.table(rows)
    let pins = frozen.roles.keys.sorted().flatMap { name in
      (frozen.roles[name]?.files ?? []).map { "  \(name): \($0.path) sha256 \($0.sha256.prefix(12))" }
    }
    if !pins.isEmpty { text += "pinned programs:\n" + pins.joined(separator: "\n") + "\n" }
    context.out(text)
    return 0
  }
}

/// `job roles --json`.
struct JobRolesView: Encodable {
  let frozenAt: String
  let template: String?
  let searched: [String]
  let roles: [String: FrozenRoles.Entry]
  let changes: [String]?

  init(_ frozen: FrozenRoles, changes: [String]?) {
    frozenAt = JSONCoding.format(frozen.frozenAt)
    template = frozen.template
    searched = frozen.searched
    roles = frozen.roles
    self.changes = changes
  }
}
