import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// `batch run`, `batch resume`, `batch status`.
enum BatchCommands {
  static let run = CommandSpec(
    ["batch", "run"], "Run several jobs at once, as a named batch that survives interruption",
    discussion: """
      Runs each job until it is no longer ready, at most N at once, each under its own lock. The batch is \
      saved in <jobs-dir>/.batches/NAME.json at every step. Ctrl-C (or SIGTERM) stops starting jobs, \
      interrupts the running ones cleanly and prints how to resume; exit 130. Exit 0 when every job \
      succeeded, else 2 (some wait for a person), 3 (halted) or 4 (failed or cancelled).
      """,
    synopsis: "(ID... | --status S) [--parallel N] [--name NAME]",
    arguments: [ArgumentSpec("ID...", "Jobs to run", optional: true)],
    options: [
      .option("status", "S", "Run every job with status S (for example ready)"),
      .option("parallel", "N", "Run at most N jobs at once (default 2)"),
      .option("name", "NAME", "Name the batch (default batch-<UTC time>)"),
    ]
  ) { args, context throws(LogistError) in
    let ids = try jobIDs(args, context)
    let parallel = try IndexCommands.positive(
      args.option("parallel"), default: 2, command: "batch run", option: "parallel")
    let name = args.option("name") ?? Batch.defaultName(now: Date())
    try BatchStore.validate(name)
    let batches = BatchStore(store: context.store)
    let lock = try batches.lock(name)
    defer { withExtendedLifetime(lock) {} }
    if batches.exists(name) {
      throw .invalid(
        "batch \(name) exists; finish it with `\(context.prefix) batch resume \(name)` or pick another --name")
    }
    var batch = Batch(name: name, ids: ids, parallel: parallel, now: Date())
    try batches.save(&batch)
    return try execute(batch, context)
  }

  static let resume = CommandSpec(
    ["batch", "resume"], "Finish an interrupted or killed batch",
    discussion: """
      Jobs already finished are skipped; interrupted ones (and ones whose runner was killed) resume from \
      their checkpoints, so no phase that ended runs again. Same exit codes as batch run.
      """,
    arguments: [ArgumentSpec("NAME", "The batch")],
    options: [.option("parallel", "N", "Run at most N jobs at once (default: as the batch was started)")]
  ) { args, context throws(LogistError) in
    let batches = BatchStore(store: context.store)
    let name = args.argument("NAME")
    var batch = try batches.load(name)
    let lock = try batches.lock(name)
    defer { withExtendedLifetime(lock) {} }
    batch = try batches.load(name)
    if let parallel = args.option("parallel") {
      batch.parallel = try IndexCommands.positive(parallel, default: 2, command: "batch resume", option: "parallel")
    }
    return try execute(batch, context)
  }

  static let status = CommandSpec(
    ["batch", "status"], "Show a batch: each job's state, status, phases, cost and time",
    arguments: [ArgumentSpec("NAME", "The batch")], options: [.json]
  ) { args, context throws(LogistError) in
    let batch = try BatchStore(store: context.store).load(args.argument("NAME"))
    let engine = try context.engine()
    let current = batch.jobs.map { try? engine.inspect($0.id).status }
    let view = BatchView(batch, current: current, prefix: context.prefix)
    if args.flag("json") {
      context.out(try Output.json(view))
      return 0
    }
    context.out(view.text())
    return 0
  }

  /// The jobs `batch run` names: IDs, or every job with `--status S` (from the index).
  private static func jobIDs(_ args: ParsedArguments, _ context: CommandContext) throws(LogistError) -> [String] {
    let given = args.positionalList
    switch (given.isEmpty, args.option("status")) {
    case (false, nil):
      for id in given { try context.store.requireJob(id) }
      var seen = Set<String>()
      return given.filter { seen.insert($0).inserted }
    case (true, let text?):
      guard let status = JobStatus(rawValue: text) else {
        let all = JobStatus.allCases.map(\.rawValue).joined(separator: ", ")
        throw ArgumentScanner.usage("batch run", "--status \(text) is not a status (statuses: \(all))")
      }
      let ids = try context.index()?.jobs(JobQuery(status: status)).map(\.id) ?? []
      guard !ids.isEmpty else {
        throw .invalid("no job has status \(text) in \(context.jobsDirectory.path); `logist job list` shows the jobs")
      }
      return ids
    default:
      throw ArgumentScanner.usage("batch run", "give job IDs or --status S (exactly one of them)")
    }
  }

  /// Runs the batch with signals watched and progress shown; prints the summary; returns the exit code.
  private static func execute(_ batch: Batch, _ context: CommandContext) throws(LogistError) -> Int32 {
    let display = BatchDisplay(name: batch.name)
    let engine = try context.engine()
    let runner = BatchRunner(batch: batch, store: context.store, roles: engine.roleSource, prices: engine.prices) {
      event, batch in
      display.show(event, batch)
    }
    SignalForwarder.shared.onSignal { signal in
      if runner.isStopping { exit(130) }
      runner.stop(reason: "\(SignalForwarder.name(signal)) received")
    }
    defer { SignalForwarder.shared.onSignal(nil) }
    let result = try runner.run()
    let view = BatchView(result, current: result.jobs.map(\.finalStatus), prefix: context.prefix)
    context.out(view.text())
    return view.exitCode
  }
}
