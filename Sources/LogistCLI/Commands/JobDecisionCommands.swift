import LogistCore

/// `job approve`, `job reject`, `job cancel`, `job activate`, `job restep`, `job rerun`.
enum JobDecisionCommands {
  static let approve = CommandSpec(
    ["job", "approve"], "Approve the phase that awaits a person's approval",
    arguments: [ArgumentSpec("ID", "Job id")], options: [.option("note", "TEXT", "A note for the history")]
  ) { args, context throws(LogistError) in
    finish(try context.engine().approve(args.argument("ID"), note: args.option("note")), context)
  }

  static let reject = CommandSpec(
    ["job", "reject"], "Reject it; the job returns to the phase's onReject with your feedback",
    discussion: "Without an onReject phase, a rejection at an approval phase fails the job.",
    synopsis: "ID --feedback TEXT",
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [.option("feedback", "TEXT", "What to change (required; goes into the next prompt)")]
  ) { args, context throws(LogistError) in
    guard let feedback = args.option("feedback") else {
      throw ArgumentScanner.usage("job reject", "--feedback TEXT is required")
    }
    return finish(try context.engine().reject(args.argument("ID"), feedback: feedback), context)
  }

  static let cancel = CommandSpec(
    ["job", "cancel"], "Cancel a job, stopping its running phase or render container",
    discussion: """
      A job another logist process is running gets a cancel request: that process stops its phase (a render \
      container with docker stop: SIGTERM, then SIGKILL after the role's stopTimeoutSeconds), keeps its log \
      and usage, and leaves the job cancelled; this command waits for it (--wait, default 2m). A render \
      container whose logist died is stopped and collected here; if its host cannot be reached the job \
      stays interrupted, unless --force cancels it anyway and says which container was left.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [
      .option("wait", "DURATION", "How long to wait for a running job to stop (default 2m)"),
      .flag("force", "Cancel even if a left render container cannot be stopped (its host is unreachable)"),
    ]
  ) { args, context throws(LogistError) in
    var wait = 120.0
    if let text = args.option("wait") {
      guard let parsed = Amount.parseDuration(text) else {
        throw ArgumentScanner.usage("job cancel", "--wait must be a duration such as 30s or 2m, got \"\(text)\"")
      }
      wait = parsed
    }
    let result = try context.engine().cancel(args.argument("ID"), wait: wait, force: args.flag("force"))
    context.out("job \(result.manifest.id): cancelled\n")
    if let left = result.leftContainer {
      context.err("warning: job \(result.manifest.id): \(Output.field(left.warning))\n")
    }
    return 0
  }

  static let activate = CommandSpec(
    ["job", "activate"], "Make a draft job ready", arguments: [ArgumentSpec("ID", "Job id")]
  ) { args, context throws(LogistError) in
    finish(try context.engine().activate(args.argument("ID")), context)
  }

  static let restep = CommandSpec(
    ["job", "restep"], "Rewind to the checkpoint just before history entry N",
    discussion: """
      State, phase and attempt come back; entries N and later are marked superseded, never deleted. The \
      workspace goes back to the commit of that checkpoint (the commits it leaves stay reachable under \
      refs/logist/rewound/). Changes in the workspace that no phase committed stop the rewind; --force first \
      saves them as a commit on refs/logist/backup/ID/TIMESTAMP.
      """,
    arguments: [ArgumentSpec("ID", "Job id"), ArgumentSpec("N", "History entry number, as `job history` shows")],
    options: [forceOption]
  ) { args, context throws(LogistError) in
    let number = try args.integer("N", command: "job restep")
    let result = try context.engine().restep(args.argument("ID"), to: number, force: args.flag("force"))
    return finish(result, "rewound to before entry \(number)", context)
  }

  static let rerun = CommandSpec(
    ["job", "rerun"], "Rewind to the start (restep ID 1)",
    discussion: "The workspace goes back to the base commit; see `logist job restep --help` for --force.",
    arguments: [ArgumentSpec("ID", "Job id")], options: [forceOption]
  ) { args, context throws(LogistError) in
    let result = try context.engine().rerun(args.argument("ID"), force: args.flag("force"))
    return finish(result, "rewound to the start", context)
  }

  private static let forceOption = OptionSpec.flag(
    "force", "Save uncommitted workspace changes on a backup ref, then rewind anyway")

  private static func finish(_ result: RewindResult, _ what: String, _ context: CommandContext) -> Int32 {
    let job = result.manifest
    context.out("job \(job.id): \(what)\n")
    if let backup = result.backup {
      context.out("saved uncommitted changes as \(backup.commit.prefix(12)) on \(backup.reference)\n")
    }
    if let commit = result.commit { context.out("workspace: back at \(commit.prefix(12))\n") }
    return finish(job, context)
  }

  private static func finish(_ job: Manifest, _ context: CommandContext) -> Int32 {
    context.out(Output.outcome(job, prefix: context.prefix))
    return Output.exitCode(for: job.status)
  }
}
