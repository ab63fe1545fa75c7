import Foundation
import LogistCore

/// `logist completion SHELL`.
enum CompletionCommand {
  static let spec = CommandSpec(
    ["completion"], "Print a shell completion script: bash, zsh or fish",
    discussion: """
      Generated from the command table: groups, commands and options, job ids from the jobs directory \
      (--jobs-dir on the line, else $LOGIST_JOBS_DIR, else ~/.logist/jobs) and role names (built-in, \
      $XDG_CONFIG_HOME/logist/roles, $LOGIST_ROLES_DIR). Load it with `source <(logist completion bash)` \
      (in ~/.bashrc), `logist completion zsh > "${fpath[1]}/_logist"`, or \
      `logist completion fish > ~/.config/fish/completions/logist.fish`.
      """,
    arguments: [ArgumentSpec("SHELL", "bash, zsh or fish")]
  ) { args, context throws(LogistError) in
    let shell = args.argument("SHELL")
    let roles = (try? RoleRegistry.load(overlays: []).roles.keys.sorted()) ?? []
    guard let script = CompletionScript.script(for: shell, table: CommandTable.all, builtInRoles: roles) else {
      throw ArgumentScanner.usage("completion", "unknown shell \"\(shell)\": use bash, zsh or fish")
    }
    try Console.data(Data(script.utf8))
    return 0
  }
}
