import Foundation

/// A real agent process playing a phase: `command`, `claude`, `codex` or `cline`.
///
/// Each try runs through ``ProcessRunner`` in the workspace, under the run's deadline and stop; its
/// output is redacted into `agent.log`, parsed as it streams, and its usage metered into the ledger
/// as it arrives (so the reply is marked ``AgentReply/metered``). Transient failures are retried with
/// backoff, then the role's fallbacks are tried; fatal ones end the run at once.
public final class LiveProvider: AgentProvider {
  /// The role being played.
  public let role: ResolvedRole
  /// The user's environment (before the role's `denyEnv`), also the source of the secrets to redact.
  public let environment: [String: String]
  /// Where the live status line reads from.
  public let activity: AgentActivity?
  let candidates: [AgentCandidate]

  /// A provider for `role`.
  public init(role: ResolvedRole, environment: [String: String], activity: AgentActivity? = nil) {
    self.role = role
    self.environment = environment
    self.activity = activity
    self.candidates = AgentCandidate.all(for: role)
  }

  public var name: String { role.role.provider.kind }

  /// Checks the primary's executable is there before anything changes (a missing `claude` is an
  /// error to fix, not a failed run), and, for a role with `isolation`, that `bwrap` works and the
  /// writable paths exist. Paths relative to the workspace are checked when the run starts.
  public func prepare(for manifest: Manifest, jobDirectory: URL) throws(LogistError) {
    guard let primary = candidates.first else { return }
    try prepareIsolation(primary, jobDirectory: jobDirectory)
    guard let executable = primary.invocation(prompt: "").arguments.first, !executable.isEmpty else {
      throw .invalid("role \(role.name): provider.command is missing or empty: give the program to run")
    }
    guard !executable.contains("/") || executable.hasPrefix("/") else { return }
    let agentEnvironment = AgentEnvironment.build(
      base: environment, deny: primary.config.denyEnv ?? [], extra: [:])
    do throws(LogistError) {
      _ = try ExecutableLocator.resolve(
        executable, searchPath: agentEnvironment["PATH"], workingDirectory: jobDirectory.path)
    } catch {
      throw .invalid("role \(role.name) (provider \(primary.config.kind)): \(error.message)")
    }
  }

  public func run(_ request: AgentRequest, clock: any EngineClock) -> AgentReply {
    let log = AgentLog(
      runDirectory: request.runDirectory, limit: role.role.provider.logLimitBytes ?? CappedLog.defaultLimit)
    let redactor = SecretRedactor(environment: environment, names: role.role.provider.redact ?? [])
    let slot = RunnerSlot()
    request.control.onStop { slot.stop($0.summary) }
    defer { activity?.clear() }
    var lastFailure = "no provider was tried"
    for candidate in candidates {
      if candidate.fallbackIndex > 0 {
        log.note("falling back to \(candidate.label) (fallback \(candidate.fallbackIndex))")
        recordEvent(
          .agentFallback, request, clock, ["provider": candidate.label, "after": redactor.redact(lastFailure)])
      }
      let policy = AgentRetryPolicy(candidate.config)
      var retry = 0
      while true {
        if request.control.reason != nil { return stopped(log) }
        let tried = runOnce(candidate, request, log: log, redactor: redactor, slot: slot)
        if request.control.reason != nil { return stopped(log) }
        switch judge(tried, candidate, request, log: log, redactor: redactor) {
        case .done(let reply): return reply
        case .transient(let message):
          lastFailure = message
          guard retry < policy.retries else { break }
          retry += 1
          let delay = policy.delay(before: retry)
          log.note("transient failure: \(message); retry \(retry) of \(policy.retries) in \(Amount.seconds(delay))")
          recordEvent(
            .agentRetry, request, clock,
            [
              "provider": candidate.label, "retry": String(retry), "of": String(policy.retries),
              "delaySeconds": String(format: "%.3f", delay), "failure": message,
            ])
          guard request.control.pause(delay, clock: clock) else { return stopped(log) }
          continue
        }
        break
      }
    }
    var reply = AgentReply.none(
      "the agent kept failing transiently (retries and fallbacks used up): \(lastFailure) (see \(log.display))")
    reply.metered = true
    return reply
  }

  private func stopped(_ log: AgentLog) -> AgentReply {
    log.note("the run was stopped")
    var reply = AgentReply.none("the run was stopped")
    reply.metered = true
    return reply
  }

  /// Appends an event to the job's log (best effort: the run goes on if the log cannot be written).
  func recordEvent(_ kind: EventKind, _ request: AgentRequest, _ clock: any EngineClock, _ payload: [String: String]) {
    let record = EventRecord(
      time: clock.now(), job: request.manifest.id, run: request.runDirectory.lastPathComponent, kind: kind,
      payload: payload)
    try? EventLog(jobDirectory: request.jobDirectory).append(record)
  }
}

/// The process a run is waiting on, so a stop from another thread reaches it.
final class RunnerSlot: @unchecked Sendable {
  private let lock = NSLock()
  private var runner: ProcessRunner?
  private var stopReason: String?

  /// Makes `runner` current; stops it at once when the run was already stopped.
  func set(_ runner: ProcessRunner?) {
    lock.lock()
    self.runner = runner
    let reason = stopReason
    lock.unlock()
    if let reason { runner?.stop(reason) }
  }

  /// Stops the current process and any later one.
  func stop(_ reason: String) {
    lock.lock()
    stopReason = stopReason ?? reason
    let current = runner
    lock.unlock()
    current?.stop(reason)
  }
}
