/// The part of a job that the state machine moves: a value, saved in the manifest and in every checkpoint.
public struct JobState: Codable, Sendable, Equatable {
  /// Where the job stands.
  public var status: JobStatus
  /// Name of the current phase.
  public var currentPhase: String
  /// Attempt number of the current phase (the run in progress, or the next one).
  public var attempt: Int
  /// Attempts started so far, per phase name.
  public var attempts: [String: Int]
  /// A reviewer's feedback for the current phase's next prompt.
  public var feedback: String?
  /// Why the job waits or stopped.
  public var statusReason: String?

  /// Makes a state.
  public init(
    status: JobStatus, currentPhase: String, attempt: Int, attempts: [String: Int], feedback: String? = nil,
    statusReason: String? = nil
  ) {
    self.status = status
    self.currentPhase = currentPhase
    self.attempt = attempt
    self.attempts = attempts
    self.feedback = feedback
    self.statusReason = statusReason
  }

  /// The state of a new job: the first phase entered (awaiting approval if a person plays it), or a draft.
  public static func initial(phases: [Phase], draft: Bool) -> JobState {
    let first = phases.first ?? Phase(name: "none", role: "none", kind: .agent)
    let status: JobStatus = draft ? .draft : (first.kind == .approval ? .awaitingApproval : .ready)
    let reason = status == .awaitingApproval ? "phase \(first.name) waits for a person's approval" : nil
    return JobState(
      status: status, currentPhase: first.name, attempt: 1, attempts: [first.name: 1], statusReason: reason)
  }
}
