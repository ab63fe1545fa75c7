import Foundation

extension Engine {
  /// `job step`: runs the current phase once with the role's provider.
  @discardableResult
  public func step(_ id: String) throws(LogistError) -> Manifest {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      try resumeIfInterrupted(&job)
      let role = try readyRole(job)
      try runPhase(&job, role: role, provider: try provider(for: role))
      return job
    }
  }

  /// `job poststep`: applies `response` to the current phase exactly as a live response.
  @discardableResult
  public func poststep(_ id: String, response: Data) throws(LogistError) -> Manifest {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      try resumeIfInterrupted(&job)
      let role = try readyRole(job)
      try runPhase(&job, role: role, provider: GivenResponseProvider(raw: response))
      return job
    }
  }

  /// `job run`: steps until the job is no longer ready.
  @discardableResult
  public func run(_ id: String) throws(LogistError) -> Manifest {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      try resumeIfInterrupted(&job)
      if job.status == .draft { throw JobStateError.notRunnable(job) }
      while job.status == .ready {
        let role = try readyRole(job)
        try runPhase(&job, role: role, provider: try provider(for: role))
      }
      return job
    }
  }

  /// The prompt `step` would send now; changes nothing.
  public func preview(_ id: String) throws(LogistError) -> String {
    var job = try inspect(id)
    if job.status == .interrupted { job.state = try transition(job, .resume) }
    return PromptBuilder.prompt(for: job, role: try readyRole(job))
  }

  func resumeIfInterrupted(_ job: inout Manifest) throws(LogistError) {
    if job.status == .interrupted { job.state = try transition(job, .resume) }
  }

  /// The role of the current phase, after checking the job can run a phase at all.
  func readyRole(_ job: Manifest) throws(LogistError) -> ResolvedRole {
    guard job.status == .ready else { throw JobStateError.notRunnable(job) }
    return try roles.role(job.phase.role, for: job.phase.name)
  }

  /// One phase run: checkpoint, lease, prompt archived, provider, response archived, transition, history.
  func runPhase(_ job: inout Manifest, role: ResolvedRole, provider: any AgentProvider) throws(LogistError) {
    let jobDirectory = store.directory(job.id)
    let workspace = workspace(of: job)
    if let workspace { _ = try workspace.open() }
    try provider.prepare(for: job, jobDirectory: jobDirectory)
    let prompt = PromptBuilder.prompt(for: job, role: role)
    let checkpoint = job.state
    let runName = String(format: "%04d-%@", job.history.count + 1, job.currentPhase)
    let runDirectory = jobDirectory.appendingPathComponent("runs/\(runName)", isDirectory: true)
    let started = clock.now()
    job.state = try transition(job, .start)
    job.lease = Lease(pid: SystemCall.processID(), host: SystemCall.hostName(), startedAt: started, run: runName)
    try store.save(&job, now: started)
    try record(
      .phaseStarted, job: job.id, run: runName,
      ["phase": job.currentPhase, "attempt": String(job.attempt), "role": role.name, "provider": provider.name])
    observer(.phaseStarted(job, run: runName))
    try RunArchive.write(Data(prompt.utf8), name: "prompt.md", in: runDirectory)

    let request = AgentRequest(
      manifest: job, role: role, prompt: prompt, jobDirectory: jobDirectory, runDirectory: runDirectory,
      workspace: workspace?.directory)
    let reply = provider.run(request, clock: clock)
    var outcome = RunOutcome.noResponse
    var summary = reply.failure ?? "the agent gave no response"
    var event = JobEvent.invalidResponse(reason: summary)
    var response: AgentResponse?
    if let raw = reply.raw {
      try RunArchive.write(raw, name: "response.json", in: runDirectory)
      let file = "runs/\(runName)/response.json"
      do throws(LogistError) {
        let answer = try AgentResponse.interpret(raw, phase: job.phase, file: file)
        response = answer
        outcome = RunOutcome(answer.action)
        summary = answer.summary
        event = .response(answer.action, summary: answer.summary)
      } catch {
        outcome = .invalidResponse
        summary = "invalid agent response: \(error.message)"
        event = .invalidResponse(reason: summary)
      }
    } else {
      event = .invalidResponse(reason: summary)
    }
    var entry = HistoryEntry(
      phase: job.currentPhase, role: role.name, attempt: job.attempt, actor: .agent, action: outcome,
      summary: summary, feedback: checkpoint.feedback, evidenceFiles: response?.evidenceFiles,
      usage: response?.usage?.usage ?? .zero, provider: provider.name, run: runName, startedAt: started,
      endedAt: clock.now(), superseded: false, checkpoint: checkpoint)
    entry.model = role.role.model
    entry.commit = try commitRun(job, run: runName, outcome: outcome, summary: summary)
    job.state = try transition(job, event)
    job.lease = nil
    job.history.append(entry)
    try store.save(&job, now: entry.endedAt)
    var ended = checkpoint
    ended.status = .running
    try recordTransition(.phaseEnded, job, from: ended, event: outcome.rawValue, run: runName)
    observer(.phaseEnded(job, entry))
  }
}
