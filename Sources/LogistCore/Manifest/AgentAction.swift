/// What an agent (or a person) decided at the end of a phase run.
public enum AgentAction: String, Codable, Sendable, CaseIterable {
  /// The phase is done: go to the next one.
  case completed = "COMPLETED"
  /// Run the same phase again.
  case retry = "RETRY"
  /// A person must help.
  case stuck = "STUCK"
  /// A person must approve or reject.
  case needsApproval = "NEEDS_APPROVAL"
  /// A review passed.
  case approved = "APPROVED"
  /// A review failed; the summary is the feedback.
  case rejected = "REJECTED"
}

/// How a history entry ended: an agent action, or what happened instead of one.
public enum RunOutcome: String, Codable, Sendable, CaseIterable {
  case completed = "COMPLETED"
  case retry = "RETRY"
  case stuck = "STUCK"
  case needsApproval = "NEEDS_APPROVAL"
  case approved = "APPROVED"
  case rejected = "REJECTED"
  /// The agent answered, but not with a valid response.
  case invalidResponse = "INVALID_RESPONSE"
  /// There was nothing to answer with (no recorded response).
  case noResponse = "NO_RESPONSE"
  /// The process running the phase died, or was stopped, before it finished.
  case interrupted = "INTERRUPTED"
  /// The run reached its phase timeout and was stopped: a failed attempt.
  case timedOut = "TIMEOUT"
  /// A limit stopped the run part-way; the job is halted and the same attempt runs again once lifted.
  case halted = "HALTED"

  /// The outcome for an agent action.
  public init(_ action: AgentAction) {
    switch action {
    case .completed: self = .completed
    case .retry: self = .retry
    case .stuck: self = .stuck
    case .needsApproval: self = .needsApproval
    case .approved: self = .approved
    case .rejected: self = .rejected
    }
  }
}
