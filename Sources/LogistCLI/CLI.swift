import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// The `logist` command line: global options, dispatch through ``CommandTable``, errors and exit codes.
public enum CLI {
  /// Runs `logist` with `arguments` (without the program name); returns the exit code.
  public static func main(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Int32
  {
    signal(SIGPIPE, SIG_IGN)
    SignalForwarder.shared.install()
    var args = arguments[...]
    var jobsDir: String?
    var rolesDir: String?
    let table = CommandTable.all
    while let first = args.first, first.hasPrefix("-") {
      args = args.dropFirst()
      switch first {
      case "-h", "--help":
        Console.out(HelpFormatter.root(table))
        return 0
      case "--version":
        Console.out(
          "logist \(LogistVersion.logist) (libgit2 \(LogistVersion.libgit2), SQLite \(LogistVersion.sqlite))\n")
        return 0
      case "--jobs-dir", "--roles-dir":
        guard let value = args.first, !value.isEmpty else { return usage("\(first) needs a non-empty value (DIR)") }
        args = args.dropFirst()
        if first == "--jobs-dir" { jobsDir = value } else { rolesDir = value }
      default:
        if first.hasPrefix("--jobs-dir=") {
          jobsDir = String(first.dropFirst("--jobs-dir=".count))
          continue
        }
        if first.hasPrefix("--roles-dir=") {
          rolesDir = String(first.dropFirst("--roles-dir=".count))
          continue
        }
        return usage("unknown global option \(first)")
      }
    }
    guard let group = args.first else {
      Console.err(HelpFormatter.root(table))
      return 64
    }
    if group == "help" { return help(Array(args.dropFirst()), table) }
    if group == "version" {
      print("logist \(LogistVersion.logist) (libgit2 \(LogistVersion.libgit2), SQLite \(LogistVersion.sqlite))")
      return 0
    }
    let groups = HelpFormatter.groups(table)
    guard groups.contains(group) else {
      let hint = Suggestion.phrase(group, among: groups + ["help", "version"])
      return usage("unknown command group \"\(group)\"\(hint) (groups: \(groups.joined(separator: ", ")))")
    }
    args = args.dropFirst()
    if let single = table.first(where: { $0.path == [group] }) {
      return run(single, Array(args), jobsDir: jobsDir, rolesDir: rolesDir, environment: environment)
    }
    guard let name = args.first, !["-h", "--help"].contains(name) else {
      Console.out(HelpFormatter.group(group, table))
      return args.isEmpty ? 64 : 0
    }
    guard let spec = table.first(where: { $0.path == [group, name] }) else {
      let names = table.filter { $0.path[0] == group }.map { $0.path[1] }
      let hint = Suggestion.phrase(name, among: names) { "\"\(group) \($0)\"" }
      return usage("unknown command \"\(group) \(name)\"\(hint) (commands: \(names.joined(separator: ", ")))")
    }
    return run(spec, Array(args.dropFirst()), jobsDir: jobsDir, rolesDir: rolesDir, environment: environment)
  }

  /// Runs one command with the arguments after its words (`--help` anywhere prints its help).
  private static func run(
    _ spec: CommandSpec, _ rest: [String], jobsDir: String?, rolesDir: String?, environment: [String: String]
  ) -> Int32 {
    if rest.contains("--help") || rest.contains("-h") {
      Console.out(HelpFormatter.command(spec))
      return 0
    }
    let context = CommandContext(
      jobsDir: jobsDir, rolesDir: rolesDir, environment: environment,
      currentDirectory: FileManager.default.currentDirectoryPath)
    if let warning = PrivateFiles.permissionWarning(jobsDirectory: context.jobsDirectory) {
      context.err("warning: \(warning)\n")
    }
    do throws(LogistError) {
      let parsed = try ArgumentScanner.scan(rest, for: spec)
      if spec.path.first != "role" { try JobStore.checkRoot(context.jobsDirectory) }
      return try spec.run(parsed, context)
    } catch {
      context.err("error: \(Output.field(error.message))\n")
      return error.kind == .usage ? 64 : 1
    }
  }

  /// `logist help [GROUP [COMMAND]]`: the same text as `--help` at that level.
  private static func help(_ words: [String], _ table: [CommandSpec]) -> Int32 {
    if words == ["--man"] {
      Console.out(ManPage.render(table, version: LogistVersion.logist))
      return 0
    }
    switch words.count {
    case 0:
      print(HelpFormatter.root(table), terminator: "")
      return 0
    case 1, 2:
      if let spec = table.first(where: { $0.path == words }) {
        Console.out(HelpFormatter.command(spec))
        return 0
      }
      let groups = HelpFormatter.groups(table)
      if words.count == 1, groups.contains(words[0]) {
        Console.out(HelpFormatter.group(words[0], table))
        return 0
      }
      let known = table.map { $0.path.joined(separator: " ") } + groups
      let hint = Suggestion.phrase(words.joined(separator: " "), among: known)
      return usage("no help for \"\(words.joined(separator: " "))\"\(hint): it is no command or group")
    default:
      return usage("help takes at most a group and a command: logist help job status")
    }
  }

  private static func usage(_ message: String) -> Int32 {
    Console.err("error: \(message) (see `logist --help`)\n")
    return 64
  }
}
