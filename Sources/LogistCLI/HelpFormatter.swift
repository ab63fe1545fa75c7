/// Generates every `--help` text from the command table.
public enum HelpFormatter {
  /// The exit codes, as documented in `docs/cli.md`.
  public static let exitCodes: [(Int32, String)] = [
    (0, "success (for run/step: the job is ready or succeeded)"),
    (1, "any other error (bad input, locked job, refused transition)"),
    (2, "the job stopped waiting for a person (awaiting_approval, needs_intervention)"),
    (3, "the job was halted by a limit"),
    (4, "the job failed or was cancelled"),
    (64, "usage error"),
    (130, "the job was interrupted"),
  ]

  /// `logist --help`.
  public static func root(_ table: [CommandSpec]) -> String {
    var text = "OVERVIEW: Run LLM coding agents as durable, budgeted jobs.\n\n"
    text += "USAGE: logist [--jobs-dir DIR] [--roles-dir DIR] <group> <command> [arguments]\n\n"
    text += "GLOBAL OPTIONS (before the command group):\n"
    text += line("--jobs-dir DIR", "Jobs directory (else $LOGIST_JOBS_DIR, else ~/.logist/jobs)")
    text += line("--roles-dir DIR", "Role overlay directory for job create and role commands (else $LOGIST_ROLES_DIR)")
    text += line("--version", "Print versions of logist, libgit2 and SQLite")
    text += line("-h, --help", "Show help; `logist <group> --help`, `logist <group> <command> --help`")
    for group in groups(table) where !table.contains(where: { $0.path == [group] }) {
      text += "\n\(group.uppercased()) COMMANDS:\n"
      for spec in table where spec.path.first == group {
        text += line(spec.path.dropFirst().joined(separator: " "), spec.abstract)
      }
    }
    let singles = table.filter { $0.path.count == 1 }
    if !singles.isEmpty {
      text += "\nOTHER COMMANDS:\n"
      for spec in singles { text += line(spec.path[0], spec.abstract) }
    }
    text += "\n" + exitCodeSection()
    return text
  }

  /// `logist job --help`.
  public static func group(_ name: String, _ table: [CommandSpec]) -> String {
    var text = "USAGE: logist [global options] \(name) <command> [arguments]\n\nCOMMANDS:\n"
    for spec in table where spec.path.first == name {
      text += line(spec.path.dropFirst().joined(separator: " "), spec.abstract)
    }
    text += "\nSee `logist \(name) <command> --help` for a command's arguments and options.\n"
    return text
  }

  /// `logist job step --help`.
  public static func command(_ spec: CommandSpec) -> String {
    var text = "OVERVIEW: \(spec.abstract)\n"
    if !spec.discussion.isEmpty { text += "\n\(spec.discussion)\n" }
    text += "\nUSAGE: \(spec.usage)\n"
    if !spec.arguments.isEmpty {
      text += "\nARGUMENTS:\n"
      for argument in spec.arguments { text += line(argument.name, argument.help) }
    }
    text += "\nOPTIONS:\n"
    for option in spec.options {
      text += line(option.label, option.help)
    }
    text += line("-h, --help", "Show this help")
    text += "\n" + exitCodeSection()
    return text
  }

  /// Group names in table order.
  public static func groups(_ table: [CommandSpec]) -> [String] {
    var seen: [String] = []
    for spec in table where !seen.contains(spec.path[0]) { seen.append(spec.path[0]) }
    return seen
  }

  private static func exitCodeSection() -> String {
    "EXIT CODES:\n" + exitCodes.map { line(String($0.0), $0.1) }.joined()
  }

  private static func line(_ left: String, _ right: String) -> String {
    let pad =
      left.count < 22 ? String(repeating: " ", count: 22 - left.count) : "\n" + String(repeating: " ", count: 24)
    return "  \(left)\(pad)\(right)\n"
  }
}
