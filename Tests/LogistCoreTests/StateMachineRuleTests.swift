import Testing

@testable import LogistCore

/// The rules behind the table: advancing, attempts, rejections, approvals, rewinds.
struct StateMachineRuleTests {
  let phases = Phase.defaultStrategy

  func state(_ status: JobStatus, _ phase: String, attempts: [String: Int]) -> JobState {
    JobState(status: status, currentPhase: phase, attempt: attempts[phase] ?? 1, attempts: attempts)
  }

  func apply(_ state: JobState, _ event: JobEvent, _ phases: [Phase]? = nil) throws -> JobState {
    try StateMachine.transition(state, event, phases: phases ?? self.phases)
  }

  @Test func approvedReviewEntersTheApprovalPhaseWaitingForAPerson() throws {
    let next = try apply(
      state(.running, "review", attempts: ["implement": 1, "review": 1]), .response(.approved, summary: "ok"))
    #expect(next.status == .awaitingApproval)
    #expect(next.currentPhase == "approve")
    #expect(next.statusReason?.contains("approve") == true)
  }

  @Test func approvingTheLastPhaseSucceeds() throws {
    let next = try apply(
      state(.awaitingApproval, "approve", attempts: ["implement": 1, "review": 1, "approve": 1]), .approve)
    #expect(next.status == .succeeded)
    #expect(next.statusReason == nil)
  }

  @Test func rejectionReturnsToOnRejectWithFeedbackAndANewAttempt() throws {
    let next = try apply(
      state(.running, "review", attempts: ["implement": 1, "review": 1]), .response(.rejected, summary: "add tests"))
    #expect(next.status == .ready)
    #expect(next.currentPhase == "implement")
    #expect(next.attempt == 2)
    #expect(next.feedback == "add tests")
    let after = try apply(try apply(next, .start), .response(.completed, summary: "done"))
    #expect(after.feedback == nil, "feedback is consumed by the run it was for")
    #expect(after.currentPhase == "review")
    #expect(after.attempt == 2)
  }

  @Test func rejectionWithoutOnRejectFailsTheJob() throws {
    let bare = [
      Phase(name: "work", role: "worker", kind: .agent), Phase(name: "check", role: "supervisor", kind: .review),
    ]
    let next = try apply(
      state(.running, "check", attempts: ["work": 1, "check": 1]), .response(.rejected, summary: "wrong"), bare)
    #expect(next.status == .failed)
    #expect(next.statusReason?.contains("wrong") == true)
  }

  @Test func personRejectingAnApprovalPhaseReturnsToItsOnReject() throws {
    let next = try apply(
      state(.awaitingApproval, "approve", attempts: ["implement": 1, "review": 1, "approve": 1]),
      .reject(feedback: "use the env var"))
    #expect(next.currentPhase == "implement")
    #expect(next.attempt == 2)
    #expect(next.feedback == "use the env var")
  }

  @Test func retryPastMaxAttemptsNeedsIntervention() throws {
    let next = try apply(state(.running, "implement", attempts: ["implement": 3]), .response(.retry, summary: "flaky"))
    #expect(next.status == .needsIntervention)
    #expect(next.attempt == 3)
    #expect(next.statusReason?.contains("used all 3 attempts") == true)
  }

  @Test func maxAttemptsBoundsRejectLoops() throws {
    let attempts = ["implement": 3, "review": 3]
    let next = try apply(state(.running, "review", attempts: attempts), .response(.rejected, summary: "still wrong"))
    #expect(next.status == .needsIntervention)
    #expect(next.statusReason?.contains("phase implement used all 3 attempts") == true)
    #expect(next.statusReason?.contains("still wrong") == true)
  }

  @Test func customMaxAttemptsIsHonoured() throws {
    let one = [Phase(name: "work", role: "worker", kind: .agent, maxAttempts: 1)]
    let next = try apply(state(.running, "work", attempts: ["work": 1]), .response(.retry, summary: "again"), one)
    #expect(next.status == .needsIntervention)
  }

  @Test func actionsMustFitThePhaseKind() {
    #expect(throws: TransitionError.self) {
      try apply(state(.running, "implement", attempts: ["implement": 1]), .response(.approved, summary: "x"))
    }
    #expect(throws: TransitionError.self) {
      try apply(
        state(.running, "review", attempts: ["implement": 1, "review": 1]), .response(.completed, summary: "x"))
    }
  }

  @Test func approvalPhasesCannotStart() {
    #expect(throws: TransitionError.self) {
      try apply(state(.ready, "approve", attempts: ["approve": 1]), .start)
    }
  }

  @Test func rewindRestoresTheCheckpointAndWaitsAtAnApproval() throws {
    let checkpoint = state(.awaitingApproval, "approve", attempts: ["implement": 1, "review": 1, "approve": 1])
    let next = try apply(
      state(.succeeded, "approve", attempts: ["implement": 2, "review": 2, "approve": 2]), .rewind(to: checkpoint))
    #expect(next.status == .awaitingApproval)
    #expect(next.attempts == ["implement": 1, "review": 1, "approve": 1])
  }

  @Test func interruptAndResumeKeepTheAttempt() throws {
    let running = state(.running, "implement", attempts: ["implement": 2])
    let interrupted = try apply(running, .interrupt(reason: "gone"))
    #expect(interrupted.status == .interrupted)
    #expect(interrupted.statusReason == "gone")
    let resumed = try apply(interrupted, .resume)
    #expect(resumed.status == .ready)
    #expect(resumed.attempt == 2)
  }

  @Test func initialStateWaitsWhenTheFirstPhaseIsAnApproval() {
    let gate = [Phase(name: "gate", role: "steward", kind: .approval)]
    #expect(JobState.initial(phases: gate, draft: false).status == .awaitingApproval)
    #expect(JobState.initial(phases: phases, draft: true).status == .draft)
    #expect(JobState.initial(phases: phases, draft: false).attempts == ["implement": 1])
  }

  @Test func unknownCurrentPhaseIsRefused() {
    #expect(throws: TransitionError.self) {
      try apply(state(.ready, "nowhere", attempts: [:]), .start)
    }
  }
}
