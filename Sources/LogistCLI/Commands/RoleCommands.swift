import LogistCore

/// `role list`, `role inspect`, `role check`.
enum RoleCommands {
  static let list = CommandSpec(["role", "list"], "List the roles phases can use", options: [.json]) {
    args, context throws(LogistError) in
    let registry = try context.roles()
    let roles = registry.roles.keys.sorted().compactMap { registry.roles[$0] }
    if args.flag("json") {
      context.out(try Output.json(roles.map { RoleView($0) }))
      return 0
    }
    var rows = [["name", "provider", "model", "source", "description"]]
    for role in roles {
      let sources = Set(role.sources.values).sorted()
      rows.append([
        role.name, role.role.provider.kind, role.role.model, sources.joined(separator: " + "), role.role.description,
      ])
    }
    context.out(Output.table(rows))
    return 0
  }

  static let inspect = CommandSpec(
    ["role", "inspect"], "Show a role's effective config and where each value came from",
    arguments: [ArgumentSpec("NAME", "Role name")], options: [.json]
  ) { args, context throws(LogistError) in
    let role = try context.roles().role(args.argument("NAME"))
    if args.flag("json") {
      context.out(try Output.json(RoleView(role)))
      return 0
    }
    var rows = [["key", "value", "from"]]
    for path in role.sources.keys.sorted() {
      var value = role.document
      for part in path.split(separator: ".") { value = value[String(part)] ?? .null }
      var shown = value.stringValue ?? value.serialized(pretty: false)
      if path == "instructions" {
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        shown = "\(lines.count) lines, below"
      }
      rows.append([path, shown, role.sources[path] ?? "?"])
    }
    context.out("role \(role.name)\n\n" + Output.table(rows))
    context.out("\ninstructions:\n" + role.role.instructions.trimmingTrailingNewlines() + "\n")
    return 0
  }

  static let check = CommandSpec(
    ["role", "check"], "Check a role could play a phase now: host, engine, image, GPUs or executable",
    discussion: """
      For a docker role, one line each: ssh reachable and authenticated (unless host is local), docker \
      answering, the image present, GPUs visible (when gpus is set). For a live agent role, its executable \
      and each fallback's on PATH; with provider.isolation, bwrap present and able to make a sandbox here, \
      and the writable paths present. Exit 0 when everything is fine, 1 otherwise.
      """,
    arguments: [ArgumentSpec("NAME", "Role name")], options: [.json]
  ) { args, context throws(LogistError) in
    let role = try context.roles().role(args.argument("NAME"))
    let lines = try RoleCheck(role).run()
    let passed = lines.allSatisfy { $0.ok == true }
    if args.flag("json") {
      context.out(try Output.json(RoleCheckView(role: role.name, ok: passed, checks: lines)))
    } else {
      for line in lines {
        let mark = line.ok.map { $0 ? "ok  " : "FAIL" } ?? "--  "
        context.out("\(mark) \(line.item.padding(toLength: 11, withPad: " ", startingAt: 0))\(line.detail)\n")
      }
    }
    return passed ? 0 : 1
  }
}

/// `role check --json`.
struct RoleCheckView: Encodable {
  let role: String
  let ok: Bool
  let checks: [RoleCheck.Line]
}

/// `role list --json` and `role inspect --json`.
struct RoleView: Encodable {
  let name: String
  let config: Role
  let sources: [String: String]

  init(_ role: ResolvedRole) {
    name = role.name
    config = role.role
    sources = role.sources
  }
}
