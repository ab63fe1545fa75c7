import Foundation

/// Runs jobs: every command that changes a job goes through here, under the job's lock.
public final class Engine {
  /// Where jobs live.
  public let store: JobStore
  /// Where roles come from at `job create` and `job roles --refresh` (phases run with the job's
  /// frozen roles).
  public let roleSource: RoleSource
  /// Real or simulated time.
  public let clock: any EngineClock
  /// Prices for cost estimates.
  public let prices: PriceTable
  /// Stops the running phase from another thread (Ctrl-C, a batch shutting down).
  public let interruption = Interruption()
  /// Called as phases start and end (the CLI prints progress lines).
  public var observer: (EngineEvent) -> Void = { _ in }
  /// The environment agent processes start from (minus each role's `denyEnv`); its secret-looking
  /// values are redacted from logs, events and the manifest.
  public var environment: [String: String] = ProcessInfo.processInfo.environment
  /// What the running live agent is doing (usage so far, last activity), for a status line.
  public let activity = AgentActivity()
  /// A dry run's engine: live agents and render containers are simulated, never started.
  let simulatesLiveAgents: Bool

  /// Makes an engine.
  public convenience init(
    store: JobStore, roles: RoleSource, clock: any EngineClock = SystemClock(), prices: PriceTable = .builtIn
  ) {
    self.init(store: store, roles: roles, clock: clock, prices: prices, simulatesLiveAgents: false)
  }

  /// An engine that simulates every role but replayed ones (``SimulatedProvider``), for dry runs.
  init(store: JobStore, roles: RoleSource, clock: any EngineClock, prices: PriceTable, simulatesLiveAgents: Bool) {
    self.simulatesLiveAgents = simulatesLiveAgents
    self.store = store
    self.roleSource = roles
    self.clock = clock
    self.prices = prices
  }

  /// Interrupts the running phase (thread-safe; see ``Interruption``): it stops, its usage so far is
  /// recorded, the job becomes `interrupted`, and `run` returns.
  public func interrupt(reason: String) { interruption.interrupt(reason) }

  /// The provider that plays `role` (in a dry run, every role but a replayed one is simulated).
  func provider(for role: ResolvedRole) throws(LogistError) -> any AgentProvider {
    if simulatesLiveAgents && role.role.provider.kind != "replay" { return SimulatedProvider(role: role) }
    switch role.role.provider.kind {
    case "replay": return ReplayProvider()
    case "docker": return DockerRenderProvider(activity: activity)
    case let kind where AgentCandidate.liveKinds.contains(kind):
      return LiveProvider(role: role, environment: environment, activity: activity)
    default:
      throw .invalid("role \(role.name): provider.kind \"\(role.role.provider.kind)\" is not supported by this build")
    }
  }

  /// Takes job `id`'s lock; a refusal (another process holds it) is recorded as a lock conflict.
  func lockJob(_ id: String) throws(LogistError) -> JobLock {
    do throws(LogistError) {
      return try store.lock(id)
    } catch {
      if error.kind == .locked { recordLockConflict(id, error.message) }
      throw error
    }
  }

  /// Runs `body` holding job `id`'s lock, on a manifest whose stale lease (if any) is already recovered.
  func withJob<T>(_ id: String, _ body: (inout Manifest) throws(LogistError) -> T) throws(LogistError) -> T {
    try store.requireJob(id)
    let lock = try lockJob(id)
    defer { withExtendedLifetime(lock) {} }
    var manifest = try store.load(id)
    try settleEvents(manifest)
    manifest = try recoverIfInterrupted(manifest)
    return try body(&manifest)
  }

  /// Loads job `id` for reading; a running job whose process is gone is marked interrupted first, and
  /// events a crashed command did not log are appended.
  public func inspect(_ id: String) throws(LogistError) -> Manifest {
    let manifest = try store.load(id)
    let dead = manifest.status == .running && manifest.lease?.host == SystemCall.hostName()
    guard dead || hasPendingEvents(id), !store.isLocked(id) else { return manifest }
    guard let lock = try? store.lock(id) else { return manifest }
    defer { withExtendedLifetime(lock) {} }
    let locked = try store.load(id)
    try settleEvents(locked)
    return try recoverIfInterrupted(locked)
  }

  /// Marks a job interrupted when it says `running` but we hold its lock (so its runner is gone).
  func recoverIfInterrupted(_ manifest: Manifest) throws(LogistError) -> Manifest {
    guard manifest.status == .running, let lease = manifest.lease else { return manifest }
    if lease.host != SystemCall.hostName() {
      throw .invalid(
        "job \(manifest.id) is running on \(lease.host) (pid \(lease.pid)); run commands for it on that host")
    }
    var job = manifest
    let container = ContainerRecord.read(inRun: store.directory(job.id).appendingPathComponent("runs/\(lease.run)"))?.id
    var reason = "the process running phase \(job.currentPhase) (pid \(lease.pid) on \(lease.host)) is gone"
    if let container {
      reason +=
        "; its render container \(container.prefix(12)) was left to finish: `logist job run \(job.id)` re-attaches to it"
    }
    // Its processes go first: nothing of the dead run may edit the workspace after its commit.
    let stopped = stopStrayProcesses(job)
    if !stopped.isEmpty { reason += "; stopped what it left running: \(StoppedProcess.describe(stopped))" }
    var checkpoint = job.state
    checkpoint.status = .ready
    let spentByRun = try closeDeadRun(job, lease: lease)
    var entry = HistoryEntry(
      phase: job.currentPhase, role: job.phase.role, attempt: job.attempt, actor: .agent, action: .interrupted,
      summary: reason, feedback: job.feedback, evidenceFiles: nil, usage: spentByRun, provider: nil, run: lease.run,
      startedAt: lease.startedAt, endedAt: clock.now(), superseded: false, checkpoint: checkpoint)
    // What the dead run had changed is kept, as a commit of its own; a missing workspace is reported later.
    workspace(of: job)?.removeStaleLocks()
    entry.commit = try? commitRun(job, run: lease.run, outcome: .interrupted, summary: reason)
    entry.container = container
    job.history.append(entry)
    let before = job.state
    job.state = try transition(job, .interrupt(reason: reason))
    job.lease = nil
    var events = [transitionEvent(.interrupted, job, from: before, event: "interrupt", run: lease.run)]
    if !stopped.isEmpty { events.append(processesStoppedEvent(job, stopped, run: lease.run, when: "recovery")) }
    try commit(&job, now: clock.now(), events)
    return job
  }

  /// Applies an event through the state machine, turning a refusal into a user error.
  func transition(_ manifest: Manifest, _ event: JobEvent) throws(LogistError) -> JobState {
    do throws(TransitionError) {
      return try StateMachine.transition(manifest.state, event, phases: manifest.phases)
    } catch {
      throw .invalid("job \(manifest.id): cannot \(event.name): \(error.reason)")
    }
  }
}

/// Progress the engine reports while it works.
public enum EngineEvent {
  /// A phase run began.
  case phaseStarted(Manifest, run: String)
  /// A phase run ended; the manifest includes its history entry.
  case phaseEnded(Manifest, HistoryEntry)
  /// A limit's warning threshold was crossed (reported once per limit).
  case limitWarning(Manifest, kind: LimitKind, observed: Double, limit: Double)
  /// A limit halted the job.
  case halted(Manifest, HaltReason)
}
