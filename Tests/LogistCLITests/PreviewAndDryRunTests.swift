import Foundation
import Testing

/// `job preview` shows exactly what the next step sends; `job run --dry-run` shows the path; neither changes the job.
@Suite(.serialized) struct PreviewAndDryRunTests {
  @Test func previewIsByteIdenticalToTheArchivedPromptForEveryPhase() throws {
    let box = try Sandbox()
    try box.create("loop", from: "review-loop")
    var compared: [String] = []
    while try box.manifest("loop")["status"] as? String == "ready" {
      let manifest = try box.manifest("loop")
      let phase = try #require(manifest["currentPhase"] as? String)
      let run = String(format: "%04d-%@", try box.history("loop").count + 1, phase)

      let before = Sandbox.snapshot(box.jobDirectory("loop"))
      let preview = try box.logist(["job", "preview", "loop"])
      #expect(preview.status == 0, "\(preview.stderr)")
      #expect(Sandbox.snapshot(box.jobDirectory("loop")) == before, "preview changed the job before run \(run)")

      let step = try box.logist(["job", "step", "loop"])
      #expect(step.status == 0, "\(step.stderr)")
      let archived = try box.runFile("loop", run, "prompt.md")
      #expect(archived == Data(preview.stdout.utf8), "preview differs from runs/\(run)/prompt.md")
      compared.append(run)
      if compared.count > 10 { break }
    }
    #expect(compared == ["0001-implement", "0002-review", "0003-implement", "0004-review"])
    #expect(try box.manifest("loop")["status"] as? String == "succeeded")
  }

  @Test func promptIsDeterministicWhenTheGoalMentionsPlaceholders() throws {
    let box = try Sandbox()
    let goal = "Explain {{id}}, {{phase}}, {{role}}, {{attempt}} and {{maxAttempts}} in the docs"
    let create = try box.logist(["job", "create", "doc", "--goal", goal, "--title", "Placeholders"])
    #expect(create.status == 0, "\(create.stderr)")
    var previews: Set<String> = []
    for _ in 0..<6 {
      let preview = try box.logist(["job", "preview", "doc"])
      #expect(preview.status == 0)
      previews.insert(preview.stdout)
    }
    #expect(previews.count == 1, "job preview printed \(previews.count) different prompts for the same job")
    let prompt = try #require(previews.first)
    #expect(prompt.contains("Goal:\n\(goal)\n"), "the goal must appear verbatim, not re-expanded:\n\(prompt)")
    try box.logist(["job", "step", "doc"])
    #expect(try box.runFile("doc", "0001-implement", "prompt.md") == Data(prompt.utf8))
  }

  @Test func previewNamesThePhaseRoleAndAttempt() throws {
    let box = try Sandbox()
    try box.create("loop", from: "review-loop")
    try box.logist(["job", "step", "loop"])
    let preview = try box.logist(["job", "preview", "loop"])
    #expect(preview.status == 0)
    #expect(preview.stdout.contains("Job loop, phase review (2 of 2, review), attempt 1 of 3, role supervisor."))
    #expect(preview.stdout.contains("- APPROVED:"))
    #expect(!preview.stdout.contains("- COMPLETED:"), "a review phase cannot answer COMPLETED")
  }

  @Test func previewOfAJobWaitingForAPersonIsRefused() throws {
    let box = try Sandbox()
    try box.create("gate", from: "needs-approval")
    try box.logist(["job", "run", "gate"])
    let before = Sandbox.snapshot(box.jobDirectory("gate"))
    let preview = try box.logist(["job", "preview", "gate"])
    #expect(preview.status == 1)
    #expect(preview.stderr.contains("awaiting approval"))
    #expect(preview.stdout.isEmpty)
    #expect(Sandbox.snapshot(box.jobDirectory("gate")) == before)
  }

  @Test func dryRunPrintsThePathAndChangesNothing() throws {
    let box = try Sandbox()
    try box.create("loop", from: "review-loop")
    let scratch = box.root.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let before = Sandbox.snapshot(box.jobDirectory("loop"))

    let dry = try box.logist(["job", "run", "loop", "--dry-run"], environment: ["TMPDIR": scratch.path])
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("loop")) == before, "dry run changed the job directory")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "dry run left its copy behind")

    let rows = lines(dry.stdout).filter { $0.first?.isNumber == true }
    #expect(rows.count == 4, "\(dry.stdout)")
    let expected = [
      ("implement", "COMPLETED", "ready"), ("review", "REJECTED", "ready"),
      ("implement", "COMPLETED", "ready"), ("review", "APPROVED", "succeeded"),
    ]
    for (row, (phase, action, after)) in zip(rows, expected) {
      let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      #expect(cells.count == 8 && cells[1] == phase && cells[4] == action && cells[7] == after, "\(row)")
    }
    #expect(dry.stdout.contains("end: succeeded"))
    #expect(dry.stdout.contains("total: 4 runs, $0.0399, 8,655 tokens"), "\(dry.stdout)")

    // The real run takes the path the dry run promised.
    let real = try box.logist(["job", "run", "loop"])
    #expect(real.status == 0)
    #expect(real.stdout.contains("succeeded after 4 runs ($0.0399, 8,655 tokens)"), "\(real.stdout)")
  }

  @Test func dryRunExitCodeFollowsTheSimulatedEnd() throws {
    let box = try Sandbox()
    try box.create("gate", from: "needs-approval")
    let before = Sandbox.snapshot(box.jobDirectory("gate"))
    let dry = try box.logist(["job", "run", "gate", "--dry-run"])
    #expect(dry.status == 2, "\(dry.stdout)\(dry.stderr)")
    #expect(dry.stdout.contains("end: awaiting_approval"))
    #expect(dry.stdout.contains("total: 2 runs"))
    #expect(Sandbox.snapshot(box.jobDirectory("gate")) == before)
    #expect(try box.manifest("gate")["status"] as? String == "ready")
  }

  @Test func dryRunOfAStuckJobExitsTwoAndSaysWhy() throws {
    let box = try Sandbox()
    try box.create("stuck", from: "stuck")
    let before = Sandbox.snapshot(box.jobDirectory("stuck"))
    let dry = try box.logist(["job", "run", "stuck", "--dry-run"])
    #expect(dry.status == 2)
    #expect(dry.stdout.contains("end: needs_intervention (the agent is stuck: cannot find the database credentials"))
    #expect(Sandbox.snapshot(box.jobDirectory("stuck")) == before)
  }

  @Test func thePromptCarriesTheAgentResponseSchema() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    let preview = try box.logist(["job", "preview", "h"])
    #expect(preview.stdout.contains("The object must satisfy this JSON Schema"))
    #expect(preview.stdout.contains(#"      "$id": "https://logist.dev/schemas/agent-response.schema.json","#))
    #expect(preview.stdout.contains(#""enum": ["#) || preview.stdout.contains("COMPLETED"))
  }
}
