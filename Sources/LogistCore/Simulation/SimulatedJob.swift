/// One simulated job as it goes: its state, what it used, its path.
struct SimulatedJob {
  let start: SimulationStart
  var state: JobState
  var spent: Spend
  var pastRuns: [RunCost]
  var path: [String] = []
  var runsByPhase: [String: Int] = [:]
  var halt: LimitKind?

  init(start: SimulationStart) {
    self.start = start
    state = start.state
    spent = start.spent
    pastRuns = start.pastRuns
  }

  /// The current phase.
  var phase: Phase? { start.phases.first { $0.name == state.currentPhase } }

  /// Applies `event` through the state machine; false (and no change) when it refuses it.
  @discardableResult
  mutating func move(_ event: JobEvent) -> Bool {
    guard let next = try? StateMachine.transition(state, event, phases: start.phases) else { return false }
    state = next
    return true
  }

  /// The engine's pre-flight of the current phase.
  func preflight() -> HaltReason? {
    guard let phase else { return nil }
    return LimitCheck.preflight(
      start.limits, role: phase.role, roleLimits: start.roleLimits[phase.role], spent: spent, pastRuns: pastRuns,
      phase: phase.name)
  }

  /// Halts the job for `reason` (from ready or running).
  mutating func stop(_ reason: HaltReason) {
    halt = reason.kind
    path.append("\(reason.phase):halt:\(reason.kind.rawValue)")
    move(.halt(reason: reason.sentence))
  }

  /// One agent run of `phase`, as `Engine.runPhase` does it: pre-flight, start, the run under its deadline
  /// and the usage meter's limit check, the transition, the check after the run. False when the job
  /// cannot go on.
  mutating func runAgent(_ phase: Phase, outcome: PhaseOutcome, random: inout SplitMix64) -> Bool {
    if let reason = preflight() {
      stop(reason)
      return false
    }
    guard move(.start) else { return false }
    var action = outcome.drawAction(&random)
    let usage = Usage(
      inputTokens: Int(outcome.tokens.sample(&random).rounded()), costUSD: outcome.costUSD.sample(&random),
      actions: Int(outcome.agentActions.sample(&random).rounded()))
    var seconds = outcome.seconds.sample(&random)
    var stopped: HaltReason?
    if let deadline = deadline(phase), seconds > deadline.seconds {
      seconds = deadline.seconds
      if let reason = deadline.halt { stopped = reason } else { action = PhaseOutcome.timeout }
    }
    spent.totals = LedgerTotals(usage: spent.totals.usage + usage, seconds: spent.totals.seconds + seconds)
    spent.runs += 1
    pastRuns.append(
      RunCost(
        run: pastRuns.count + 1, runName: phase.name, phase: phase.name, role: phase.role, usage: usage,
        seconds: seconds))
    runsByPhase[phase.name, default: 0] += 1
    if stopped == nil, let limits = start.limits,
      let reason = LimitCheck.crossed(limits, spent: spent, phase: phase.name), reason.kind != .wallTime
    {
      stopped = reason
    }
    if let stopped {
      stop(stopped)
      return false
    }
    path.append("\(phase.name):\(action)")
    let event: JobEvent
    if action == PhaseOutcome.timeout {
      event = .timeout(reason: "simulated timeout")
    } else if let agentAction = AgentAction(rawValue: action) {
      event = .response(agentAction, summary: "simulated")
    } else {
      return false
    }
    guard move(event) else { return false }
    if state.status == .ready, let limits = start.limits,
      let reason = LimitCheck.crossed(limits, spent: spent, phase: state.currentPhase)
    {
      stop(reason)
      return false
    }
    return true
  }

  /// When a run of `phase` is stopped: the engine's own ``LimitCheck/deadline(_:roleLimits:spent:phase:)``.
  func deadline(_ phase: Phase) -> (seconds: Double, halt: HaltReason?)? {
    LimitCheck.deadline(start.limits, roleLimits: start.roleLimits[phase.role], spent: spent, phase: phase.name)
  }

  /// How it ended.
  var result: SimulatedRun {
    SimulatedRun(
      status: state.status, halt: state.status == .halted ? halt : nil, costUSD: spent.totals.usage.costUSD,
      tokens: Double(spent.totals.usage.totalTokens), seconds: spent.totals.seconds, phaseRuns: spent.runs,
      path: path, runsByPhase: runsByPhase)
  }
}
