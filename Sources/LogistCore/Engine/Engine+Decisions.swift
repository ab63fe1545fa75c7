import Foundation

extension Engine {
  /// `job approve`: a person approves the phase that waits for approval.
  @discardableResult
  public func approve(_ id: String, note: String? = nil) throws(LogistError) -> Manifest {
    try decide(id, event: .approve, outcome: .approved, summary: note ?? "approved by a person")
  }

  /// `job reject`: a person rejects it; the feedback goes into the next prompt of the phase it returns to.
  @discardableResult
  public func reject(_ id: String, feedback: String) throws(LogistError) -> Manifest {
    guard !feedback.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw LogistError(
        .usage, "logist job reject: --feedback must not be empty: say what to change (see `logist job reject --help`)")
    }
    return try decide(id, event: .reject(feedback: feedback), outcome: .rejected, summary: feedback)
  }

  private func decide(_ id: String, event: JobEvent, outcome: RunOutcome, summary: String) throws(LogistError)
    -> Manifest
  {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      let checkpoint = job.state
      let now = clock.now()
      job.state = try transition(job, event)
      job.history.append(
        HistoryEntry(
          phase: checkpoint.currentPhase, role: job.phases.first { $0.name == checkpoint.currentPhase }?.role ?? "",
          attempt: checkpoint.attempt, actor: .person, action: outcome, summary: summary,
          feedback: checkpoint.feedback, evidenceFiles: nil, usage: .zero, provider: "person", run: nil,
          startedAt: now, endedAt: now, superseded: false, checkpoint: checkpoint))
      let kind: EventKind = outcome == .approved ? .approved : .rejected
      try commit(&job, now: now, [transitionEvent(kind, job, from: checkpoint, event: event.name)])
      return job
    }
  }

  /// `job activate`: a draft becomes ready.
  @discardableResult
  public func activate(_ id: String) throws(LogistError) -> Manifest {
    try apply(id, .activate, kind: .activated)
  }

  private func apply(_ id: String, _ event: JobEvent, kind: EventKind) throws(LogistError) -> Manifest {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      let before = job.state
      job.state = try transition(job, event)
      try commit(&job, now: clock.now(), [transitionEvent(kind, job, from: before, event: event.name)])
      return job
    }
  }
}
