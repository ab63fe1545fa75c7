import Foundation

/// One auditable thing that happened to a job: a line of `<job>/events.jsonl`.
public struct EventRecord: Codable, Sendable, Equatable {
  /// When it happened.
  public var time: Date
  /// The job it happened to.
  public var job: String
  /// The phase run it belongs to (`0003-review`), the correlation id of everything one run does.
  public var run: String?
  /// What happened (see ``EventKind``).
  public var kind: String
  /// Small details: statuses, actions, amounts, as strings.
  public var payload: [String: String]

  /// Makes a record.
  public init(time: Date, job: String, run: String?, kind: EventKind, payload: [String: String] = [:]) {
    self.time = time
    self.job = job
    self.run = run
    self.kind = kind.rawValue
    self.payload = payload
  }
}

/// The kinds of event Logist records.
public enum EventKind: String, Sendable, CaseIterable {
  /// `job create` made the job.
  case created = "job.created"
  /// A phase run began (payload: phase, attempt, role).
  case phaseStarted = "phase.started"
  /// A phase run ended (payload: phase, action, from, to).
  case phaseEnded = "phase.ended"
  /// The job's status changed outside a phase run (payload: event, from, to).
  case transition = "job.transition"
  /// A person approved the waiting phase.
  case approved = "job.approved"
  /// A person rejected it.
  case rejected = "job.rejected"
  /// The job was cancelled.
  case cancelled = "job.cancelled"
  /// `job cancel` asked the process running the job to stop (payload: pid).
  case cancelRequested = "job.cancel_requested"
  /// A draft was activated.
  case activated = "job.activated"
  /// A job made before roles were frozen had its roles frozen (payload: roles, reason).
  case rolesFrozen = "roles.frozen"
  /// `job roles --refresh` resolved the job's roles again (payload: changes).
  case rolesRefreshed = "roles.refreshed"
  /// `job delete` removed the job (jobs-directory log; payload: status, directory, stopped).
  case deleted = "job.deleted"
  /// A phase run's process was found gone; the job is interrupted.
  case interrupted = "job.interrupted"
  /// Processes an earlier run of the job left alive were found by their run token and stopped
  /// (payload: when, count, pids, processes).
  case processesStopped = "run.processes_stopped"
  /// `job restep`/`job rerun` moved the job back to a checkpoint.
  case rewound = "job.rewound"
  /// A command found the job locked by another process.
  case lockConflict = "lock.conflict"
  /// A limit's warning threshold was crossed.
  case limitWarning = "limit.warning"
  /// A limit stopped the job.
  case halted = "job.halted"
  /// `job limits` changed the limits.
  case limitsChanged = "limits.changed"
  /// `job limits --accept-ledger` accepted a tampered ledger: corrections appended, file re-sealed.
  case ledgerAccepted = "ledger.accepted"
  /// A live agent failed transiently and is tried again (payload: provider, retry, of, delaySeconds, failure).
  case agentRetry = "agent.retry"
  /// A live agent's retries were used up; the next fallback provider or model is tried (payload: provider, after).
  case agentFallback = "agent.fallback"
  /// A batch began or was resumed (batch log; payload: batch, jobs, parallel, resumed).
  case batchStarted = "batch.started"
  /// A batch started running one of its jobs (job log; payload: batch, status).
  case batchJobStarted = "batch.job.started"
  /// A batch's job stopped running (job log; payload: batch, status, phases, seconds, error; `recovered` when found finished on resume).
  case batchJobFinished = "batch.job.finished"
  /// A batch left a job alone: finished already or not runnable (job log; payload: batch, status).
  case batchJobSkipped = "batch.job.skipped"
  /// A batch was stopped by a signal; its running jobs became interrupted (batch log).
  case batchInterrupted = "batch.interrupted"
  /// Every job of a batch was run (batch log; payload: batch, per-status counts).
  case batchFinished = "batch.finished"
  /// The index was rebuilt, on demand or because it was missing, damaged or older (index log).
  case indexRebuilt = "index.rebuilt"
}
