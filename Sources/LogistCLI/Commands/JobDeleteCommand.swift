import Foundation
import LogistCore

/// `job delete`: removes a job for good.
enum JobDeleteCommand {
  static let spec = CommandSpec(
    ["job", "delete"], "Remove a job: its directory, lock and index rows",
    discussion: """
      Removes <jobs-dir>/ID (job.json, history, ledger, events, runs, workspace and its repository), its lock \
      and its rows in logist.db, and records a job.deleted event in the jobs directory's own log \
      (.index-events.jsonl, shown by `logist events`). A job another process is running is refused, naming \
      that process: `job cancel` it first. An interrupted job (it can still be resumed), or a directory \
      whose job.json is missing or unreadable, needs --force. Processes its runs left alive (found by their \
      run token) are stopped first. Nothing of the job remains: export or patch what you want to keep before.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [.flag("force", "Also delete an interrupted job, or a directory without a readable job.json")]
  ) { args, context throws(LogistError) in
    let result = try context.engine().delete(args.argument("ID"), force: args.flag("force"))
    var text = "deleted job \(result.id)"
    text += result.status.map { " (\($0.rawValue))" } ?? " (no readable job.json)"
    text += "\n"
    if !result.stopped.isEmpty {
      text += "stopped what its runs left running: \(StoppedProcess.describe(result.stopped))\n"
    }
    context.out(text)
    return 0
  }
}
