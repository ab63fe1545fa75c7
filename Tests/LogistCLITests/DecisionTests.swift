import Foundation
import Testing

/// A person's decisions: `job approve`, `job reject`, `job cancel`.
@Suite(.serialized) struct DecisionTests {
  /// A needs-approval job run up to its approval phase.
  private func waitingGate() throws -> Sandbox {
    let box = try Sandbox()
    try box.create("gate", from: "needs-approval")
    let run = try box.logist(["job", "run", "gate"])
    #expect(run.status == 2, "\(run.stderr)")
    return box
  }

  @Test func rejectReturnsToOnRejectAndTheFeedbackReachesTheNextPrompt() throws {
    let box = try waitingGate()
    let reject = try box.logist(["job", "reject", "gate", "--feedback", "use the env var"])
    #expect(reject.status == 0, "\(reject.stderr)")
    let manifest = try box.manifest("gate")
    #expect(manifest["status"] as? String == "ready")
    #expect(manifest["currentPhase"] as? String == "implement")
    #expect(manifest["attempt"] as? Int == 2)
    let entry = try #require(try box.history("gate").last)
    #expect(entry["actor"] as? String == "person")
    #expect(entry["action"] as? String == "REJECTED")
    #expect(entry["summary"] as? String == "use the env var")

    let preview = try box.logist(["job", "preview", "gate"])
    #expect(preview.status == 0)
    #expect(preview.stdout.contains("## Feedback from the last rejection\n\nuse the env var\n"), "\(preview.stdout)")
  }

  @Test func rejectWithoutFeedbackIsAUsageErrorAndChangesNothing() throws {
    let box = try waitingGate()
    let before = Sandbox.snapshot(box.jobDirectory("gate"))
    let reject = try box.logist(["job", "reject", "gate"])
    #expect(reject.status == 64)
    #expect(reject.stderr.contains("--feedback"))
    #expect(Sandbox.snapshot(box.jobDirectory("gate")) == before)
  }

  @Test func rejectWithBlankFeedbackIsRefused() throws {
    let box = try waitingGate()
    let before = Sandbox.snapshot(box.jobDirectory("gate"))
    let reject = try box.logist(["job", "reject", "gate", "--feedback", "   "])
    #expect(reject.status == 64, "\(reject.stdout)\(reject.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("gate")) == before)
  }

  @Test func approveOnAReadyJobIsRefusedNamingTheStatus() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let approve = try box.logist(["job", "approve", "hello"])
    #expect(approve.status == 1)
    #expect(approve.stderr.contains("ready"), "\(approve.stderr)")
    #expect(approve.stderr.contains("not awaiting approval"), "\(approve.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
    let reject = try box.logist(["job", "reject", "hello", "--feedback", "no"])
    #expect(reject.status == 1)
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
  }

  @Test func stepOnAJobAwaitingApprovalPointsAtApproveAndReject() throws {
    let box = try waitingGate()
    let before = Sandbox.snapshot(box.jobDirectory("gate"))
    let step = try box.logist(["job", "step", "gate"])
    #expect(step.status == 1)
    #expect(step.stderr.contains("logist job approve gate"), "\(step.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("gate")) == before)
  }

  @Test func cancelStopsAJobForGood() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let cancel = try box.logist(["job", "cancel", "hello"])
    #expect(cancel.status == 0, "\(cancel.stderr)")
    #expect(cancel.stdout.contains("job hello: cancelled"))
    #expect(try box.manifest("hello")["status"] as? String == "cancelled")

    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let again = try box.logist(["job", "cancel", "hello"])
    #expect(again.status == 1)
    #expect(again.stderr.contains("already cancelled"), "\(again.stderr)")

    let run = try box.logist(["job", "run", "hello"])
    #expect(run.status == 4, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("cancelled"))
    let restep = try box.logist(["job", "rerun", "hello"])
    #expect(restep.status == 1)
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
    #expect(box.runNames("hello").isEmpty, "a cancelled job never runs a phase")
  }

  @Test func cancelWhileAwaitingApproval() throws {
    let box = try waitingGate()
    let cancel = try box.logist(["job", "cancel", "gate"])
    #expect(cancel.status == 0)
    #expect(try box.manifest("gate")["status"] as? String == "cancelled")
    let approve = try box.logist(["job", "approve", "gate"])
    #expect(approve.status == 1)
    #expect(approve.stderr.contains("cancelled"))
  }

  @Test func decisionsOnAMissingJobSayHowToFindJobs() throws {
    let box = try Sandbox()
    for command in [["approve"], ["cancel"], ["activate"], ["reject", "--feedback", "x"]] {
      let result = try box.logist(["job"] + [command[0], "ghost"] + command.dropFirst())
      #expect(result.status == 1, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("no job \"ghost\""), "\(command): \(result.stderr)")
      expectNoCrash(result)
    }
  }
}
