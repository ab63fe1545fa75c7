import Foundation
import LogistCore

/// `simulate`.
enum SimulateCommand {
  static let spec = CommandSpec(
    ["simulate"], "Forecast a strategy: success, cost, time and halts over many simulated runs",
    discussion: """
      Runs simulated jobs of TARGET (a template directory, or a job id: then from the job's current state, \
      counting what it spent and the attempts it used) through the engine's own state machine and limit \
      checks, with each phase run's action, cost, tokens and time drawn from an outcome model \
      (--model FILE, see docs/simulate.md; --from-history fits one from the index's past phase runs of the \
      same phase and role (the role's model first), else role, with 5 or more runs; without either, every phase succeeds at its role's \
      per-phase cost). \
      Nothing is written and no agent runs. Prints the probability of each final status and halt with its \
      standard error, cost, tokens, seconds and phase runs (mean, p50, p90, p99, max), a cost histogram, \
      the most likely paths and the expected runs of each phase. --target-success P also searches (over the \
      same simulated jobs) the smallest maxCostUSD at which they succeed with probability P, then (when the \
      model has time) the smallest maxWallSeconds with it. --compare TARGET2 simulates a second strategy with the same model, runs and seed and prints both \
      side by side with each difference and its standard error (beyond noise: over 2 standard errors). --seed repeats a simulation exactly; \
      without it a seed is picked and printed.
      """,
    arguments: [ArgumentSpec("TARGET", "Template directory or job id")],
    options: [
      .option("runs", "N", "Simulated jobs (default 10000)"),
      .option("seed", "S", "Seed of the random draws (an integer from 0 to 2^64-1)"),
      .option("model", "FILE", "Outcome model (Schemas/outcome-model.schema.json)"),
      .flag("from-history", "Fit the model from the index's past phase runs (5 or more per phase or role)"),
      .option("compare", "TARGET2", "Also simulate TARGET2 (same model, runs, seed) and show the differences"),
      .option("target-success", "P", "Also find the smallest maxCostUSD (and maxWallSeconds) reaching success P"),
      .json,
    ]
  ) { args, context throws(LogistError) in
    var runs = defaultRuns
    if let text = args.option("runs") {
      guard let value = Int(text), value >= 1, value <= maxRuns else {
        throw ArgumentScanner.usage("simulate", "--runs must be an integer from 1 to \(maxRuns), got \"\(text)\"")
      }
      runs = value
    }
    var seed = UInt64.random(in: 0...UInt64.max)
    if let text = args.option("seed") {
      guard let value = UInt64(text) else {
        throw ArgumentScanner.usage(
          "simulate", "--seed must be an integer from 0 to 18446744073709551615, got \"\(text)\"")
      }
      seed = value
    }
    var target: Double?
    if let text = args.option("target-success") {
      guard let value = Double(text), value > 0, value <= 1 else {
        throw ArgumentScanner.usage(
          "simulate", "--target-success must be a probability above 0 up to 1, got \"\(text)\"")
      }
      target = value
    }
    let engine = try context.engine()
    var model = OutcomeModel()
    var history: [PastPhaseRun]?
    if args.flag("from-history") {
      guard args.option("model") == nil else {
        throw ArgumentScanner.usage("simulate", "give at most one of --model and --from-history")
      }
      history = try context.index()?.pastPhaseRuns() ?? []
    }
    if let path = args.option("model") {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw .invalid("cannot read outcome model \(path): check the path")
      }
      model = try OutcomeModel.load(data, file: path)
    }
    let first = try simulate(
      args.argument("TARGET"), engine: engine, model: model, history: history, runs: runs, seed: seed, target: target)
    if let other = args.option("compare") {
      let second = try simulate(
        other, engine: engine, model: model, history: history, runs: runs, seed: seed, target: target)
      let comparison = SimulationComparison(a: first.report, runsA: first.runs, b: second.report, runsB: second.runs)
      if args.flag("json") {
        context.out(try Output.json(comparison))
      } else {
        context.out(SimulateFormatter.comparison(comparison, seedGiven: args.option("seed") != nil))
      }
      return 0
    }
    if args.flag("json") {
      context.out(try Output.json(first.report))
    } else {
      context.out(SimulateFormatter.text(first.report, seedGiven: args.option("seed") != nil))
    }
    return 0
  }

  /// Simulated jobs without --runs.
  static let defaultRuns = 10_000
  /// The most --runs allows.
  static let maxRuns = 10_000_000

  /// The report of `target` (and its simulated jobs, for a comparison).
  static func simulate(
    _ target: String, engine: Engine, model given: OutcomeModel, history: [PastPhaseRun]?, runs: Int, seed: UInt64,
    target success: Double?
  ) throws(LogistError) -> (report: SimulationReport, runs: [SimulatedRun]) {
    let start = try SimulateCommand.start(target, engine: engine)
    var model = given
    var sources: [HistoryFit.Source]?
    if let history {
      (model, sources) = HistoryFit.model(history, phases: start.phases, roleModels: start.roleModels)
    }
    let outcomes = try model.resolve(start.phases, roleLimits: start.roleLimits)
    let jobs = Simulator.simulate(start, outcomes: outcomes, runs: runs, seed: seed)
    var report = SimulationReport(start: start, runs: jobs, seed: seed)
    report.modelSources = sources
    if let success {
      report.targetSuccess = success
      report.recommended = BudgetSearch.smallestCost(
        start, outcomes: outcomes, runs: runs, seed: seed, target: success)
    }
    return (report, jobs)
  }

  /// A directory with a job.json is a template; anything else is a job id.
  static func start(_ target: String, engine: Engine) throws(LogistError) -> SimulationStart {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
      let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
      let url = URL(fileURLWithPath: target, relativeTo: cwd).standardizedFileURL
      var start = try engine.simulationStart(template: url)
      start.target = target
      return start
    }
    return try engine.simulationStart(job: target)
  }
}
