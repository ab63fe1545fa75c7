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
    ["job", "cancel"], "Cancel a job that is not running", arguments: [ArgumentSpec("ID", "Job id")]
  ) { args, context throws(LogistError) in
    let job = try context.engine().cancel(args.argument("ID"))
    context.out("job \(job.id): cancelled\n")
    return 0
  }

  static let activate = CommandSpec(
    ["job", "activate"], "Make a draft job ready", arguments: [ArgumentSpec("ID", "Job id")]
  ) { args, context throws(LogistError) in
    finish(try context.engine().activate(args.argument("ID")), context)
  }

  static let restep = CommandSpec(
    ["job", "restep"], "Rewind to the checkpoint just before history entry N",
    discussion: "State, phase and attempt come back; entries N and later are marked superseded, never deleted.",
    arguments: [ArgumentSpec("ID", "Job id"), ArgumentSpec("N", "History entry number, as `job history` shows")]
  ) { args, context throws(LogistError) in
    let number = try args.integer("N", command: "job restep")
    let job = try context.engine().restep(args.argument("ID"), to: number)
    context.out("job \(job.id): rewound to before entry \(number)\n")
    return finish(job, context)
  }

  static let rerun = CommandSpec(
    ["job", "rerun"], "Rewind to the start (restep ID 1)", arguments: [ArgumentSpec("ID", "Job id")]
  ) { args, context throws(LogistError) in
    let job = try context.engine().rerun(args.argument("ID"))
    context.out("job \(job.id): rewound to the start\n")
    return finish(job, context)
  }

  private static func finish(_ job: Manifest, _ context: CommandContext) -> Int32 {
    context.out(Output.outcome(job, prefix: context.prefix))
    return Output.exitCode(for: job.status)
  }
}
