import Testing

@testable import LogistCore

/// Every (status, event) pair of the transition function, refusals included, at phase `implement`
/// (an agent phase, attempt 1 of 3) of the default strategy. The expectations are written out here by
/// hand, independently of ``TransitionTable``.
struct StateMachinePairTests {
  static let phases = Phase.defaultStrategy
  static let checkpoint = JobState(status: .ready, currentPhase: "implement", attempt: 1, attempts: ["implement": 1])

  static let eventNames = [
    "activate", "start", "COMPLETED", "RETRY", "STUCK", "NEEDS_APPROVAL", "APPROVED", "REJECTED",
    "invalid response", "approve", "reject", "cancel", "interrupt", "resume", "rewind", "timeout", "halt", "lift",
  ]

  /// (status, event) -> (status, phase, attempt) after; absent pairs must be refused.
  static let allowed: [String: (JobStatus, String, Int)] = [
    "draft/activate": (.ready, "implement", 1),
    "draft/cancel": (.cancelled, "implement", 1),
    "ready/start": (.running, "implement", 1),
    "ready/cancel": (.cancelled, "implement", 1),
    "ready/rewind": (.ready, "implement", 1),
    "running/COMPLETED": (.ready, "review", 1),
    "running/RETRY": (.ready, "implement", 2),
    "running/STUCK": (.needsIntervention, "implement", 1),
    "running/NEEDS_APPROVAL": (.awaitingApproval, "implement", 1),
    "running/invalid response": (.needsIntervention, "implement", 1),
    "running/interrupt": (.interrupted, "implement", 1),
    "running/timeout": (.ready, "implement", 2),
    "running/halt": (.halted, "implement", 1),
    "ready/halt": (.halted, "implement", 1),
    "halted/lift": (.ready, "implement", 1),
    "awaiting_approval/approve": (.ready, "review", 1),
    "awaiting_approval/reject": (.ready, "implement", 2),
    "awaiting_approval/cancel": (.cancelled, "implement", 1),
    "awaiting_approval/rewind": (.ready, "implement", 1),
    "needs_intervention/cancel": (.cancelled, "implement", 1),
    "needs_intervention/rewind": (.ready, "implement", 1),
    "halted/cancel": (.cancelled, "implement", 1),
    "halted/rewind": (.ready, "implement", 1),
    "interrupted/cancel": (.cancelled, "implement", 1),
    "interrupted/resume": (.ready, "implement", 1),
    "interrupted/rewind": (.ready, "implement", 1),
    "succeeded/rewind": (.ready, "implement", 1),
    "failed/rewind": (.ready, "implement", 1),
  ]

  static func event(named name: String) -> JobEvent {
    JobEvent.samples(checkpoint: checkpoint).first { $0.name == name } ?? .cancel
  }

  static var pairs: [(JobStatus, String)] {
    JobStatus.allCases.flatMap { status in eventNames.map { (status, $0) } }
  }

  @Test func everyEventKindIsCovered() {
    #expect(JobEvent.samples(checkpoint: Self.checkpoint).map(\.name) == Self.eventNames)
    #expect(Self.pairs.count == 180)
  }

  @Test(arguments: pairs)
  func pair(status: JobStatus, eventName: String) {
    var state = Self.checkpoint
    state.status = status
    let result = Result { () throws(TransitionError) -> JobState in
      try StateMachine.transition(state, Self.event(named: eventName), phases: Self.phases)
    }
    if let (expectedStatus, phase, attempt) = Self.allowed["\(status.rawValue)/\(eventName)"] {
      let next = try? result.get()
      #expect(next?.status == expectedStatus, "\(status.rawValue) + \(eventName)")
      #expect(next?.currentPhase == phase, "\(status.rawValue) + \(eventName)")
      #expect(next?.attempt == attempt, "\(status.rawValue) + \(eventName)")
    } else {
      #expect(throws: TransitionError.self, "\(status.rawValue) + \(eventName) must be refused") { try result.get() }
    }
  }
}
