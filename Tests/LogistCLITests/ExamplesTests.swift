import Foundation
import Testing

/// The example jobs in `Jobs/` behave as their READMEs promise.
@Suite(.serialized) struct ExamplesTests {
  @Test func helloWorldSucceeds() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let run = try box.logist(["job", "run", "hello"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("job hello: succeeded after 2 runs"))
    let manifest = try box.manifest("hello")
    #expect(manifest["status"] as? String == "succeeded")
    #expect((manifest["history"] as? [Any])?.count == 2)
  }

  @Test func reviewLoopSucceedsAfterFourRunsWithFeedbackInTheThirdPrompt() throws {
    let box = try Sandbox()
    try box.create("loop", from: "review-loop")
    let run = try box.logist(["job", "run", "loop"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("job loop: succeeded after 4 runs"))
    #expect(try box.manifest("loop")["status"] as? String == "succeeded")
    #expect(box.runNames("loop") == ["0001-implement", "0002-review", "0003-implement", "0004-review"])

    let feedback = "the greeting ignores the name argument; add a test"
    let third = String(decoding: try box.runFile("loop", "0003-implement", "prompt.md"), as: UTF8.self)
    #expect(third.contains("## Feedback from the last rejection\n\n\(feedback)"))
    #expect(third.contains("attempt 2 of 3"))
    let first = String(decoding: try box.runFile("loop", "0001-implement", "prompt.md"), as: UTF8.self)
    #expect(!first.contains(feedback), "the first prompt has no review to quote yet")
  }

  @Test func needsApprovalWaitsForAPersonThenApproveSucceeds() throws {
    let box = try Sandbox()
    try box.create("gate", from: "needs-approval")
    let run = try box.logist(["job", "run", "gate"])
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("awaiting_approval"))
    #expect(run.stdout.contains("job approve gate"))
    var manifest = try box.manifest("gate")
    #expect(manifest["status"] as? String == "awaiting_approval")
    #expect(manifest["currentPhase"] as? String == "approve")

    let approve = try box.logist(["job", "approve", "gate"])
    #expect(approve.status == 0, "\(approve.stderr)")
    #expect(approve.stdout.contains("job gate: succeeded"))
    manifest = try box.manifest("gate")
    #expect(manifest["status"] as? String == "succeeded")
    let history = try box.history("gate")
    #expect(history.count == 3)
    let person = try #require(history.last)
    #expect(person["actor"] as? String == "person")
    #expect(person["phase"] as? String == "approve")
    #expect(person["action"] as? String == "APPROVED")
    let text = try box.logist(["job", "history", "gate"])
    let last = try #require(lines(text.stdout).last)
    #expect(last.contains("person") && last.contains("APPROVED") && last.hasPrefix("3 "), "\(text.stdout)")
  }

  @Test func approveNoteIsRecorded() throws {
    let box = try Sandbox()
    try box.create("gate", from: "needs-approval")
    try box.logist(["job", "run", "gate"])
    let approve = try box.logist(["job", "approve", "gate", "--note", "checked the diff myself"])
    #expect(approve.status == 0, "\(approve.stderr)")
    #expect(try box.history("gate").last?["summary"] as? String == "checked the diff myself")
  }

  @Test func stuckNeedsInterventionWithTheAgentsSummary() throws {
    let box = try Sandbox()
    try box.create("stuck", from: "stuck")
    let run = try box.logist(["job", "run", "stuck"])
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    let summary = "cannot find the database credentials the goal mentions; please add them"
    #expect(run.stdout.contains(summary))
    let manifest = try box.manifest("stuck")
    #expect(manifest["status"] as? String == "needs_intervention")
    #expect((manifest["statusReason"] as? String)?.contains(summary) == true)
    let status = try box.logist(["job", "status", "stuck"])
    #expect(status.stdout.contains("reason:     the agent is stuck: \(summary)"), "\(status.stdout)")
  }

  @Test func overBudgetHaltsBeforeItsThirdPhaseAndFinishesOnceRaised() throws {
    let box = try Sandbox()
    try box.create("over", from: "over-budget")
    let dry = try box.logist(["job", "run", "over", "--dry-run"])
    #expect(dry.status == 3, "the dry run predicts the halt")
    #expect(dry.stdout.contains("end: halted (phase review was not started"), "\(dry.stdout)")
    let run = try box.logist(["job", "run", "over"])
    #expect(run.status == 3)
    #expect(run.stdout.contains("halted at phase review"), "\(run.stdout)")
    #expect(run.stdout.contains("next:   logist --jobs-dir \(box.jobs.path) job limits over --add-cost 0.11"))
    #expect(run.stderr.contains("warning: job over has used 60% of maxCostUSD"))
    #expect(try box.history("over").count == 2)
    let raise = try box.logist(["job", "limits", "over", "--add-cost", "0.50"])
    #expect(raise.status == 0)
    #expect(raise.stdout.contains("maxCostUSD: $1.0000 -> $1.5000"))
    #expect(try box.logist(["job", "run", "over"]).status == 0)
    #expect(try box.manifest("over")["status"] as? String == "succeeded")
    #expect(abs(try box.ledgerSum("over", "costUSD") - 0.67) < 1e-9)
  }
}
