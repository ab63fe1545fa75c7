/// Where a job stands. Only ``StateMachine/transition(_:_:phases:)`` changes it.
public enum JobStatus: String, Codable, Sendable, CaseIterable, Comparable {
  /// Created with `--draft`; `job activate` makes it ready.
  case draft
  /// The current phase can run.
  case ready
  /// A phase is running now (the manifest holds a lease).
  case running
  /// A person must `job approve` or `job reject` it.
  case awaitingApproval = "awaiting_approval"
  /// An agent is stuck, a response was invalid, or a phase used all its attempts.
  case needsIntervention = "needs_intervention"
  /// A limit stopped the job before it overspent.
  case halted
  /// The process running a phase died; `job run` resumes from the last checkpoint.
  case interrupted
  /// Every phase is done.
  case succeeded
  /// A rejection had nowhere to return to.
  case failed
  /// A person cancelled it.
  case cancelled

  /// Final states: nothing runs any more (a rewind can still reopen succeeded and failed jobs).
  public var isFinal: Bool {
    switch self {
    case .succeeded, .failed, .cancelled: return true
    default: return false
    }
  }

  /// States in which the job waits for a person.
  public var waitsForPerson: Bool { self == .awaitingApproval || self == .needsIntervention }

  public static func < (lhs: JobStatus, rhs: JobStatus) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}
