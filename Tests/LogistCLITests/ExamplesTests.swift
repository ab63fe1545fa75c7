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

  @Test func shellAgentRunsAShellScriptThatReallyEditsTheWorkspace() throws {
    let box = try Sandbox()
    let roles = Sandbox.template("shell-agent").appendingPathComponent("roles").path
    let create = try box.logist([
      "--roles-dir", roles, "job", "create", "shell", "--from", Sandbox.template("shell-agent").path,
    ])
    #expect(create.status == 0, "\(create.stderr)")
    let run = try box.logist(["--roles-dir", roles, "job", "run", "shell"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("job shell: succeeded after 2 runs"))
    let inventory = box.jobDirectory("shell").appendingPathComponent("workspace/INVENTORY.md")
    #expect(
      try String(contentsOf: inventory, encoding: .utf8)
        == "# Inventory\n\n- README.md: 3 lines\n- src/hello.sh: 2 lines\n")
    let history = try box.history("shell")
    #expect(history.map { $0["provider"] as? String } == ["command", "command"])
    #expect(history.map { $0["action"] as? String } == ["COMPLETED", "APPROVED"])
    #expect(box.agentLog("shell").contains("worker: wrote INVENTORY.md with 2 files"))
    let diff = try box.logist(["job", "diff", "shell", "--stat"])
    #expect(diff.stdout.contains("INVENTORY.md"), "\(diff.stdout)")
  }

  @Test func sandboxedAgentEditsTheWorkspaceAndIsRefusedEverythingElse() throws {
    let box = try Sandbox()
    let template = Sandbox.template("sandboxed-agent")
    let roles = template.appendingPathComponent("roles").path
    let create = try box.logist(["--roles-dir", roles, "job", "create", "boxed", "--from", template.path])
    #expect(create.status == 0, "\(create.stderr)")
    let run = try box.logist(["--roles-dir", roles, "job", "run", "boxed"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("job boxed: succeeded after 2 runs"), "\(run.stdout)")
    let report = box.jobDirectory("boxed").appendingPathComponent("workspace/SANDBOX.md")
    #expect(
      try String(contentsOf: report, encoding: .utf8)
        == """
        # What the agent could do from inside its sandbox

        - append to ../ledger.jsonl: refused (Read-only file system)
        - overwrite ../job.json: refused (Read-only file system)
        - read ../job.json: refused (No such file or directory)
        - write /etc/logist-was-here: refused (Read-only file system)
        - write /tmp/logist-probe (a private /tmp): done
        - network interfaces: lo

        """)
    let ledger = try String(
      contentsOf: box.jobDirectory("boxed").appendingPathComponent("ledger.jsonl"), encoding: .utf8)
    #expect(!ledger.contains(#"{"costUSD": 0}"#), "the agent's line reached the ledger")
    #expect(try box.history("boxed").map { $0["action"] as? String } == ["COMPLETED", "APPROVED"])
    let diff = try box.logist(["job", "diff", "boxed", "--stat"])
    #expect(diff.stdout.contains("SANDBOX.md"), "\(diff.stdout)")
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
