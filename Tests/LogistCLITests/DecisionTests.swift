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

  @Test func cancelOfAJobAnotherProcessRunsStopsItsPhaseAndLeavesItCancelled() throws {
    let box = try Sandbox()
    let template = try box.slowTemplate(delay: 60)
    #expect(try box.logist(["job", "create", "busy", "--from", template.path]).status == 0)
    let runner = try box.start(["--jobs-dir", box.jobs.path, "job", "run", "busy"])
    let prompt = box.jobDirectory("busy").appendingPathComponent("runs/0001-implement/prompt.md")
    try waitFor("the phase to start") { FileManager.default.fileExists(atPath: prompt.path) }

    let began = Date()
    let cancel = try box.logist(["job", "cancel", "busy"])
    #expect(cancel.status == 0, "\(cancel.stderr)")
    #expect(cancel.stdout == "job busy: cancelled\n")
    #expect(Date().timeIntervalSince(began) < 10, "the runner stops its phase, it does not finish it")
    runner.process.waitUntilExit()
    #expect(runner.process.terminationStatus == 4, "\(runner.result().stdout)")
    #expect(try box.manifest("busy")["status"] as? String == "cancelled")
    let history = try box.manifest("busy")["history"] as? [[String: Any]] ?? []
    #expect(history.map { $0["action"] as? String } == ["INTERRUPTED"])
    #expect(
      (history.first?["summary"] as? String)?.hasPrefix("the run was cancelled: requested by logist job cancel") == true
    )
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("busy").path + "/cancel.request"))
    let run = try box.logist(["job", "run", "busy"])
    #expect(run.status == 4, "a cancelled job stays cancelled")
  }

  @Test func cancelRefusedOrMistypedChangesNothing() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let bad = try box.logist(["job", "cancel", "hello", "--wait", "soon"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--wait must be a duration such as 30s or 2m, got \"soon\""), "\(bad.stderr)")
    let missing = try box.logist(["job", "cancel", "nope"])
    #expect(missing.status != 0)
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
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
