import Foundation

extension Engine {
  /// `job step`: runs the current phase once with the role's provider. A halted job whose limits now
  /// allow its phase is lifted first; one still over a limit is returned unchanged (status `halted`).
  @discardableResult
  public func step(_ id: String) throws(LogistError) -> Manifest {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      try resumeIfInterrupted(&job)
      if job.status == .halted, !(try liftIfAllowed(&job)) { return job }
      let (role, provider) = try readyPhase(job)
      try runPhase(&job, role: role, provider: provider)
      return job
    }
  }

  /// `job poststep`: applies `response` to the current phase exactly as a live response (no budget check:
  /// a person's answer costs nothing). With `checkedAs` (a person's answer, named so for errors), a
  /// response that is not valid for the phase is a usage error and nothing changes; without, it is
  /// judged like an agent's output.
  @discardableResult
  public func poststep(_ id: String, response: Data, checkedAs source: String? = nil) throws(LogistError) -> Manifest {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      if let source {
        var probe = job
        if probe.status == .interrupted { probe.state = try transition(probe, .resume) }
        guard probe.status == .ready else { throw JobStateError.notRunnable(probe) }
        do throws(LogistError) {
          _ = try AgentResponse.interpret(response, phase: probe.phase, file: source)
        } catch {
          throw LogistError(.usage, "job poststep \(id): \(error.message); nothing was changed")
        }
      }
      try resumeIfInterrupted(&job)
      let role = try readyRole(job)
      try runPhase(&job, role: role, provider: GivenResponseProvider(raw: response), budgeted: false)
      return job
    }
  }

  /// `job run`: steps until the job is no longer ready (or the engine is interrupted).
  @discardableResult
  public func run(_ id: String) throws(LogistError) -> Manifest {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      try resumeIfInterrupted(&job)
      if job.status == .draft { throw JobStateError.notRunnable(job) }
      try liftIfAllowed(&job)
      while job.status == .ready, interruption.reason == nil {
        let (role, provider) = try readyPhase(job)
        try runPhase(&job, role: role, provider: provider)
      }
      return job
    }
  }

  /// The prompt `step` would send now; changes nothing.
  public func preview(_ id: String) throws(LogistError) -> String {
    var job = try inspect(id)
    if job.status == .interrupted { job.state = try transition(job, .resume) }
    return PromptBuilder.prompt(for: job, role: try readyRole(job, freeze: false))
  }

  func resumeIfInterrupted(_ job: inout Manifest) throws(LogistError) {
    if job.status == .interrupted { job.state = try transition(job, .resume) }
  }

  /// The role of the current phase, after checking the job can run a phase at all.
  func readyRole(_ job: Manifest, freeze: Bool = true) throws(LogistError) -> ResolvedRole {
    guard job.status == .ready else { throw JobStateError.notRunnable(job) }
    return try phaseRole(job, freeze: freeze)
  }

  /// One phase run: limits checked, checkpoint, lease, prompt archived, provider (under a deadline, its
  /// usage metered into the ledger), response archived, transition, history, limits checked again.
  func runPhase(
    _ job: inout Manifest, role: ResolvedRole, provider: any AgentProvider, budgeted: Bool = true
  ) throws(LogistError) {
    let jobDirectory = store.directory(job.id)
    let workspace = workspace(of: job)
    if let workspace { _ = try workspace.open() }
    try provider.prepare(for: job, jobDirectory: jobDirectory)
    if try honourCancelRequest(&job) { return }
    let (spent, pastRuns, damage) = try spend(job)
    if budgeted, let halt = preflight(job, role: role, spent: spent, runs: pastRuns, damage: damage) {
      try haltBeforePhase(&job, halt)
      return
    }
    let prompt = PromptBuilder.prompt(for: job, role: role)
    let checkpoint = job.state
    let runNumber = job.history.count + 1
    let runName = String(format: "%04d-%@", runNumber, job.currentPhase)
    let runDirectory = jobDirectory.appendingPathComponent("runs/\(runName)", isDirectory: true)
    // Nothing an earlier run of this job left alive may run beside this one.
    let strays = stopStrayProcesses(job, grace: role.role.provider.graceSeconds ?? Self.strayGraceSeconds)
    let started = clock.now()
    job.state = try transition(job, .start)
    job.lease = Lease(pid: SystemCall.processID(), host: SystemCall.hostName(), startedAt: started, run: runName)
    var startEvents = [
      event(
        .phaseStarted, job: job.id, run: runName,
        ["phase": job.currentPhase, "attempt": String(job.attempt), "role": role.name, "provider": provider.name])
    ]
    if !strays.isEmpty { startEvents.insert(processesStoppedEvent(job, strays, run: nil, when: "run start"), at: 0) }
    try commit(&job, now: started, startEvents)
    observer(.phaseStarted(job, run: runName))
    let redactor = secretRedactor(for: role)
    try RunArchive.write(redactor.redact(Data(prompt.utf8)), name: "prompt.md", in: runDirectory)

    let control = RunControl(deadline: budgeted ? deadline(job, role: role, spent: spent, start: started) : nil)
    let meter = UsageMeter(
      UsageMeter.Context(
        ledger: ledger(job), run: runNumber, runName: runName, phase: job.currentPhase, role: role.name,
        provider: provider.name, model: role.role.model, prices: prices,
        limits: budgeted ? job.limits ?? Limits() : Limits(),
        before: spent),
      control: control, clock: clock)
    interruption.attach(control)
    if !(clock is SimulatedClock) {
      control.armDeadline()
      CancelRequest.watch(jobDirectory, control: control)
    }
    let request = AgentRequest(
      manifest: job, role: role, prompt: prompt, jobDirectory: jobDirectory, runDirectory: runDirectory,
      workspace: workspace?.directory, control: control, meter: meter)
    let reply = provider.run(request, clock: clock).redacted(by: redactor)
    let stop = control.reason
    control.finish()
    interruption.attach(nil)
    // The books as the run left them, before logist adds its own lines: a run that cut them short is caught
    // here, not masked by the lines that follow.
    let sealed = job.ledger
    let tampered = try books(job).damage

    var result = try interpret(
      reply, stop: stop, job: job, runName: runName, runDirectory: runDirectory, redactor: redactor)
    if stop == nil, !reply.metered, let usage = result.response?.usage {
      meter.settle(total: usage.usage, costReported: usage.costUSD != nil)
    }
    let seconds = (clock.now().timeIntervalSince(started) * 1000).rounded() / 1000
    let usage = try meter.close(seconds: seconds)
    if case .limit(var halt) = stop {
      halt.observed = halt.kind == .wallTime ? halt.limit : halt.observed
      result.halt = halt
    }
    if let tampered, let sealed {
      job.ledger = recorded(sealed, run: usage, seconds: seconds, unpriced: meter.unpricedModel)
      if case .interrupt = result.event {
        // Interrupted or cancelled: it stays so; the next run's pre-flight halts the job.
      } else {
        let halt = HaltReason.ledger(tampered, phase: job.currentPhase, before: false)
        result = RunResult(
          outcome: .halted, summary: halt.sentence, event: .halt(reason: halt.sentence), response: result.response,
          halt: halt)
      }
    }
    var entry = HistoryEntry(
      phase: job.currentPhase, role: role.name, attempt: job.attempt, actor: .agent, action: result.outcome,
      summary: result.summary, feedback: checkpoint.feedback, evidenceFiles: result.response?.evidenceFiles,
      usage: usage, provider: provider.name, run: runName, startedAt: started, endedAt: clock.now(),
      superseded: false, checkpoint: checkpoint)
    entry.provider = reply.answeredBy ?? provider.name
    entry.model = reply.model ?? role.role.model
    entry.session = reply.sessionID
    entry.container = reply.container
    entry.commit = try commitRun(job, run: runName, outcome: result.outcome, summary: result.summary)
    job.state = try transition(job, result.event)
    job.halt = result.halt
    job.lease = nil
    job.history.append(entry)
    var ended = checkpoint
    ended.status = .running
    var events = [transitionEvent(.phaseEnded, job, from: ended, event: result.outcome.rawValue, run: runName)]
    if let halt = result.halt { events.append(haltEvent(job, halt, from: ended, run: runName)) }
    try commit(&job, now: entry.endedAt, events)
    if case .cancelled = stop, try honourCancelRequest(&job, run: runName) {
      observer(.phaseEnded(job, entry))
      return
    }
    observer(.phaseEnded(job, entry))
    if let halt = result.halt { observer(.halted(job, halt)) }
    if budgeted { try checkAfterRun(&job, phase: entry.phase, run: runName) }
  }

  /// The seal of a ledger found tampered with after a run: its identity unchanged (the file stays damaged
  /// until accepted), its totals those recorded before the run plus what logist metered during it.
  func recorded(_ sealed: LedgerSeal, run usage: Usage, seconds: Double, unpriced: String?) -> LedgerSeal {
    var seal = sealed
    seal.usage = sealed.usage + usage
    seal.seconds = ((sealed.seconds + seconds) * 1000).rounded() / 1000
    if let unpriced { seal.unpricedModel = unpriced }
    return seal
  }
}
