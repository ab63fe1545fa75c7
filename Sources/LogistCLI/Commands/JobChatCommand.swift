import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// `job chat`: hands the terminal to the current phase's agent, in the job's workspace.
enum JobChatCommand {
  static let spec = CommandSpec(
    ["job", "chat"], "Talk to the current phase's agent in the job's workspace",
    discussion: """
      Replaces logist with the agent's interactive program, in the workspace, with the terminal handed \
      straight through: claude (resuming the phase's last session when its id is known), codex, cline, or \
      a command role's provider.chatCommand. The job is not changed; what you change in the workspace is \
      committed with the next phase run. --print shows what would run instead.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [.flag("print", "Print the command, directory and resumed session; run nothing")]
  ) { args, context throws(LogistError) in
    let chat = try context.engine().chat(args.argument("ID"))
    let resumed = chat.resumedSession.map { ", resuming session \($0)" } ?? ""
    if args.flag("print") {
      context.out(
        "directory: \(chat.directory)\ncommand: \(chat.arguments.map(ShellQuote.word).joined(separator: " "))\n")
      if let session = chat.resumedSession { context.out("session: \(session)\n") }
      return 0
    }
    context.err("chat: \(chat.kind) in \(chat.directory)\(resumed); leave the agent to come back\n")
    try exec(chat)
  }

  /// Replaces this process with the agent (never returns unless exec fails).
  static func exec(_ chat: ChatInvocation) throws(LogistError) -> Never {
    guard chdir(chat.directory) == 0 else {
      throw LogistError(.system, "cannot enter \(chat.directory): \(String(cString: strerror(errno)))")
    }
    SignalForwarder.shared.restoreDefaults()
    let argv = chat.arguments.map { strdup($0) } + [nil]
    let envp = chat.environment.keys.sorted().map { strdup("\($0)=\(chat.environment[$0] ?? "")") } + [nil]
    execve(chat.executable, argv, envp)
    let reason = String(cString: strerror(errno))
    throw LogistError(.system, "cannot run \(chat.executable): \(reason)")
  }
}
