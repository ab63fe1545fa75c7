/// Runs simulated jobs: each step drives the engine's own ``StateMachine/transition(_:_:phases:)`` and
/// its own limit checks (``LimitCheck/preflight(_:role:roleLimits:spent:pastRuns:phase:)`` before a run,
/// ``LimitCheck/crossed(_:spent:phase:)`` during and after it), with phase outcomes drawn from a model.
/// Pure: no files, processes, git or SQLite.
public enum Simulator {
  /// Most steps one simulated job may take (a safety net: attempts limits end every loop long before).
  public static let stepLimit = 10_000

  /// `runs` simulated jobs from `start`, drawn with `seed`.
  public static func run(
    _ start: SimulationStart, outcomes: [String: PhaseOutcome], runs: Int, seed: UInt64
  ) -> SimulationReport {
    SimulationReport(start: start, runs: simulate(start, outcomes: outcomes, runs: runs, seed: seed), seed: seed)
  }

  /// The simulated jobs themselves. Each job draws from its own generator, seeded in turn from `seed`, so
  /// job `i` draws the same numbers whatever the limits: raising a limit can only let a job go further
  /// (common random numbers; what makes ``BudgetSearch`` exact over the sample).
  public static func simulate(
    _ start: SimulationStart, outcomes: [String: PhaseOutcome], runs: Int, seed: UInt64
  ) -> [SimulatedRun] {
    var seeds = SplitMix64(seed: seed)
    var results: [SimulatedRun] = []
    results.reserveCapacity(runs)
    for _ in 0..<runs {
      var random = SplitMix64(seed: seeds.next())
      results.append(once(start, outcomes: outcomes, random: &random))
    }
    return results
  }

  /// One simulated job.
  public static func once(
    _ start: SimulationStart, outcomes: [String: PhaseOutcome], random: inout SplitMix64
  ) -> SimulatedRun {
    var job = SimulatedJob(start: start)
    if job.state.status == .interrupted { job.move(.resume) }
    if let blocking = start.blockingHalt, job.state.status == .ready || job.state.status == .halted {
      job.halt = blocking
      if job.state.status == .ready { job.move(.halt(reason: "a halt no pre-flight lifts: \(blocking.rawValue)")) }
    } else if job.state.status == .halted {
      if let reason = job.preflight() {
        job.halt = reason.kind
      } else {
        job.move(.lift)
      }
    }
    for _ in 0..<stepLimit {
      guard let phase = job.phase, let outcome = outcomes[phase.name] else { break }
      if job.state.status == .ready {
        guard job.runAgent(phase, outcome: outcome, random: &random) else { break }
      } else if job.state.status == .awaitingApproval, phase.kind == .approval {
        let decision = outcome.drawAction(&random)
        job.runsByPhase[phase.name, default: 0] += 1
        job.path.append("\(phase.name):\(decision)")
        let event: JobEvent = decision == AgentAction.approved.rawValue ? .approve : .reject(feedback: "rejected")
        guard job.move(event) else { break }
      } else {
        break
      }
    }
    return job.result
  }
}
