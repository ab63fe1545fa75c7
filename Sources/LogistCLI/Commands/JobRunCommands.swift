import Foundation
import LogistCore

/// `job step`, `job run`, `job poststep`, `job preview`.
enum JobRunCommands {
  static let step = CommandSpec(
    ["job", "step"], "Run exactly one phase of a job",
    discussion: "An interrupted job is resumed first. Exit code follows the job's status afterwards.",
    arguments: [ArgumentSpec("ID", "Job id")]
  ) { args, context throws(LogistError) in
    let engine = try context.engine()
    let session = report(engine, context)
    defer { session.close() }
    let job = try engine.step(args.argument("ID"))
    context.out(Output.outcome(job, prefix: context.prefix))
    return Output.exitCode(for: job.status)
  }

  static let run = CommandSpec(
    ["job", "run"], "Run phases until the job is no longer ready",
    discussion: """
      Resumes an interrupted job from its last checkpoint. With --dry-run, runs the strategy on a throwaway \
      copy with simulated time and prints the path of states, phases and costs; the job is not touched. \
      Replayed roles replay; every other role (command, claude, codex, cline, docker) is simulated and never \
      started: its action, cost, tokens and time come from its past runs in the job, else its limits, else \
      defaults, and its rows are marked *. \
      A workspace checkout deleted by hand stops the run; --recreate-workspace checks the job branch out again \
      (from <job>/workspace.git) first.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [
      .flag("dry-run", "Simulate on a throwaway copy; change nothing"),
      .flag("recreate-workspace", "Check the job branch out again if the workspace was deleted"),
    ]
  ) { args, context throws(LogistError) in
    let engine = try context.engine()
    if args.flag("recreate-workspace"), let commit = try engine.recreateWorkspace(args.argument("ID")) {
      context.out("job \(args.argument("ID")): workspace re-created at \(commit.prefix(12))\n")
    }
    if args.flag("dry-run") {
      let report = try engine.dryRun(args.argument("ID"))
      context.out(DryRunFormatter.format(report))
      return Output.exitCode(for: report.final.status)
    }
    let session = report(engine, context)
    defer { session.close() }
    let job = try engine.run(args.argument("ID"))
    context.out(Output.outcome(job, prefix: context.prefix))
    return Output.exitCode(for: job.status)
  }

  static let poststep = CommandSpec(
    ["job", "poststep"], "Apply a given agent response to the current phase",
    discussion: """
      A person's answer: it must be a valid agent response for the current phase, or nothing changes and \
      the problem is named (exit 64). Then it takes exactly the path a live one takes: archived, then \
      applied. With --as-agent-output, --response-file is an agent's recorded output instead and is judged \
      like a live agent's: one that is not a valid response is recorded as INVALID_RESPONSE and uses the attempt.
      """,
    synopsis: "ID (--response JSON | --response-file FILE [--as-agent-output])",
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [
      .option("response", "JSON", "The response as JSON text"),
      .option("response-file", "FILE", "A file holding the response ('-' for standard input)"),
      .flag("as-agent-output", "Judge --response-file like a live agent's output (an invalid one uses the attempt)"),
    ]
  ) { args, context throws(LogistError) in
    let asAgent = args.flag("as-agent-output")
    if asAgent, args.option("response-file") == nil {
      throw ArgumentScanner.usage("job poststep", "--as-agent-output goes with --response-file FILE")
    }
    let data: Data
    switch (args.option("response"), args.option("response-file")) {
    case (let text?, nil): data = Data(text.utf8)
    case (nil, "-"?): data = FileHandle.standardInput.readDataToEndOfFile()
    case (nil, let path?):
      guard let contents = FileManager.default.contents(atPath: path) else {
        throw .invalid("cannot read response file \(path): check the path")
      }
      data = contents
    default: throw ArgumentScanner.usage("job poststep", "give exactly one of --response JSON or --response-file FILE")
    }
    let engine = try context.engine()
    let session = report(engine, context)
    defer { session.close() }
    let source = args.option("response") != nil ? "--response" : "--response-file \(args.option("response-file") ?? "")"
    let job = try engine.poststep(args.argument("ID"), response: data, checkedAs: asAgent ? nil : source)
    context.out(Output.outcome(job, prefix: context.prefix))
    return Output.exitCode(for: job.status)
  }

  static let preview = CommandSpec(
    ["job", "preview"], "Print the exact prompt the next step would send; change nothing",
    arguments: [ArgumentSpec("ID", "Job id")]
  ) { args, context throws(LogistError) in
    context.out(try context.engine().preview(args.argument("ID")))
    return 0
  }

  /// Prints a line as each phase starts and ends (to standard error, keeping stdout for results),
  /// with a live status line between them on a terminal; SIGINT/SIGTERM interrupt the engine
  /// (the running agent is stopped, the job becomes interrupted, the command exits 130).
  static func report(_ engine: Engine, _ context: CommandContext) -> ProgressSession {
    let interruption = engine.interruption
    let err = context.err
    SignalForwarder.shared.onSignal { signal in
      let name = SignalForwarder.name(signal)
      if interruption.reason == nil {
        Console.err("\ninterrupted by \(name): stopping the running phase\n")
      }
      interruption.interrupt("received \(name)")
    }
    let status = StatusLine.isTerminal ? StatusLine(activity: engine.activity) : nil
    let say: (String) -> Void = { text in if let status { status.print(text) } else { err(text) } }
    engine.observer = { event in
      switch event {
      case .phaseStarted(let job, let run):
        say("run \(run): phase \(job.currentPhase) (role \(job.phase.role), attempt \(job.attempt)) started\n")
        status?.begin(job.currentPhase)
      case .phaseEnded(let job, let entry):
        status?.end()
        let usage = entry.usage
        say(
          "run \(entry.run ?? "?"): \(entry.action.rawValue) \(Output.money(usage.costUSD)), "
            + "\(Output.count(usage.totalTokens)) tokens -> \(job.status.rawValue): \(Output.field(entry.summary))\n")
      case .limitWarning(let job, let kind, let observed, let limit):
        let share = Int((observed / limit * 100).rounded(.down))
        say(
          "warning: job \(job.id) has used \(share)% of \(kind.key) (\(kind.formatPlain(observed)) of \(kind.formatPlain(limit)))\n"
        )
      case .halted(let job, let reason):
        say("halted: job \(job.id): \(Output.field(reason.sentence))\n")
      }
    }
    return ProgressSession(status: status)
  }
}

/// What ``JobRunCommands/report(_:_:)`` set up; closed when the command ends.
struct ProgressSession {
  let status: StatusLine?

  /// Clears the status line and gives signals their default effect back.
  func close() {
    status?.close()
    SignalForwarder.shared.onSignal(nil)
  }
}
