/// The job state machine: one pure function, the only way a job's status changes.
public enum StateMachine {
  /// The state after `event` in `state`, for a job whose strategy is `phases`, or why the event is refused.
  public static func transition(
    _ state: JobState, _ event: JobEvent, phases: [Phase]
  ) throws(TransitionError) -> JobState {
    let refuse = { (why: String) in TransitionError(status: state.status, event: event.name, reason: why) }
    guard let index = phases.firstIndex(where: { $0.name == state.currentPhase }) else {
      throw refuse("current phase \(state.currentPhase) is not in the job's phases")
    }
    let phase = phases[index]
    switch (state.status, event) {
    case (.draft, .activate):
      return enterFresh(state, phase: phase)
    case (.ready, .start):
      guard phase.kind != .approval else { throw refuse("phase \(phase.name) is an approval: a person decides it") }
      var next = state
      next.status = .running
      next.statusReason = nil
      return next
    case (.running, .response(let action, let summary)):
      guard phase.allowedActions.contains(action) else {
        throw refuse("action \(action.rawValue) is not allowed in phase \(phase.name) (kind \(phase.kind.rawValue))")
      }
      return respond(state, action: action, summary: summary, phases: phases, index: index)
    case (.running, .invalidResponse(let reason)):
      return stopped(state, .needsIntervention, reason: reason)
    case (.awaitingApproval, .approve):
      return advance(state, phases: phases, index: index)
    case (.awaitingApproval, .reject(let feedback)):
      let target = phase.onReject ?? (phase.kind == .approval ? nil : phase.name)
      return returnTo(target, state, feedback: feedback, by: phase.name, phases: phases)
    case (.draft, .cancel), (.ready, .cancel), (.awaitingApproval, .cancel), (.needsIntervention, .cancel),
      (.halted, .cancel), (.interrupted, .cancel):
      return stopped(state, .cancelled, reason: "cancelled by a person")
    case (.running, .interrupt(let reason)):
      return stopped(state, .interrupted, reason: reason)
    case (.running, .timeout(let reason)):
      return enter(phase, from: state, feedback: state.feedback, why: reason)
    case (.ready, .halt(let reason)), (.running, .halt(let reason)):
      return stopped(state, .halted, reason: reason)
    case (.interrupted, .resume), (.halted, .lift):
      var next = state
      next.status = .ready
      next.statusReason = nil
      return next
    case (.ready, .rewind(let checkpoint)), (.awaitingApproval, .rewind(let checkpoint)),
      (.needsIntervention, .rewind(let checkpoint)), (.halted, .rewind(let checkpoint)),
      (.interrupted, .rewind(let checkpoint)), (.succeeded, .rewind(let checkpoint)),
      (.failed, .rewind(let checkpoint)):
      guard let target = phases.first(where: { $0.name == checkpoint.currentPhase }) else {
        throw refuse("the checkpoint's phase \(checkpoint.currentPhase) is not in the job's phases")
      }
      var next = checkpoint
      next.status = target.kind == .approval ? .awaitingApproval : .ready
      next.statusReason = target.kind == .approval ? "phase \(target.name) waits for a person's approval" : nil
      return next
    default:
      throw refuse(refusal(state.status, event))
    }
  }

  private static func respond(
    _ state: JobState, action: AgentAction, summary: String, phases: [Phase], index: Int
  ) -> JobState {
    let phase = phases[index]
    switch action {
    case .completed, .approved:
      return advance(state, phases: phases, index: index)
    case .retry:
      return enter(phase, from: state, feedback: state.feedback, why: "its last run asked to retry: \(summary)")
    case .stuck:
      return stopped(state, .needsIntervention, reason: "the agent is stuck: \(summary)")
    case .needsApproval:
      return stopped(state, .awaitingApproval, reason: "the agent asks for approval: \(summary)")
    case .rejected:
      return returnTo(phase.onReject, state, feedback: summary, by: phase.name, phases: phases)
    }
  }

  /// Next phase, or success after the last one.
  private static func advance(_ state: JobState, phases: [Phase], index: Int) -> JobState {
    guard index + 1 < phases.count else {
      var done = stopped(state, .succeeded, reason: nil)
      done.feedback = nil
      return done
    }
    return enter(phases[index + 1], from: state, feedback: nil, why: "")
  }

  /// Back to the phase named `target` with feedback, or failure when there is none.
  private static func returnTo(
    _ target: String?, _ state: JobState, feedback: String, by phaseName: String, phases: [Phase]
  ) -> JobState {
    guard let target, let phase = phases.first(where: { $0.name == target }) else {
      return stopped(state, .failed, reason: "rejected in phase \(phaseName), which has no onReject phase: \(feedback)")
    }
    return enter(phase, from: state, feedback: feedback, why: "it was rejected again: \(feedback)")
  }

  /// Starts a new attempt of `phase`, or stops the job when the phase has used all its attempts.
  private static func enter(_ phase: Phase, from state: JobState, feedback: String?, why: String) -> JobState {
    let attempt = (state.attempts[phase.name] ?? 0) + 1
    guard attempt <= phase.attemptLimit else {
      var next = state
      next.status = .needsIntervention
      let tail = why.isEmpty ? "" : "; \(why)"
      next.statusReason = "phase \(phase.name) used all \(phase.attemptLimit) attempts\(tail)"
      return next
    }
    var next = state
    next.currentPhase = phase.name
    next.attempt = attempt
    next.attempts[phase.name] = attempt
    next.feedback = feedback
    return enterFresh(next, phase: phase)
  }

  /// Ready, or awaiting approval when a person plays the phase.
  private static func enterFresh(_ state: JobState, phase: Phase) -> JobState {
    var next = state
    next.status = phase.kind == .approval ? .awaitingApproval : .ready
    next.statusReason = phase.kind == .approval ? "phase \(phase.name) waits for a person's approval" : nil
    return next
  }

  private static func stopped(_ state: JobState, _ status: JobStatus, reason: String?) -> JobState {
    var next = state
    next.status = status
    next.statusReason = reason
    return next
  }

  private static func refusal(_ status: JobStatus, _ event: JobEvent) -> String {
    let phrases: [JobStatus: String] = [
      .draft: "a draft", .awaitingApproval: "awaiting approval", .needsIntervention: "waiting for intervention",
    ]
    let what = phrases[status] ?? status.rawValue
    switch event {
    case .rewind where status == .cancelled: return "a cancelled job stays cancelled; create a new job instead"
    case .rewind where status == .draft: return "a draft has no history to rewind; activate it first"
    case .cancel where status.isFinal: return "the job is already \(what)"
    case .approve, .reject: return "the job is \(what), not awaiting approval"
    case .activate: return "only a draft can be activated; the job is \(what)"
    case .resume: return "only an interrupted job can be resumed; the job is \(what)"
    case .lift: return "only a halted job can be lifted; the job is \(what)"
    case .halt: return "only a ready or running job can be halted; the job is \(what)"
    default: return "event \(event.name) is not possible while the job is \(what)"
    }
  }
}
