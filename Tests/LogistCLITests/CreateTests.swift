import Foundation
import Testing

/// `job create` variants, drafts and `job activate`.
@Suite(.serialized) struct CreateTests {
  private func phases(_ box: Sandbox, _ id: String) throws -> [[String: Any]] {
    try box.manifest(id)["phases"] as? [[String: Any]] ?? []
  }

  @Test func goalAloneUsesTheBuiltInThreePhaseStrategy() throws {
    let box = try Sandbox()
    let create = try box.logist(["job", "create", "g", "--goal", "Write a haiku\nabout tests"])
    #expect(create.status == 0, "\(create.stderr)")
    #expect(create.stdout.contains("created job g (ready, 3 phases)"))
    #expect(
      create.stdout.contains("next: logist --jobs-dir \(box.jobs.path) job run g"), "hints keep the global options")
    let phases = try phases(box, "g")
    #expect(phases.map { $0["name"] as? String } == ["implement", "review", "approve"])
    #expect(phases.map { $0["role"] as? String } == ["worker", "supervisor", "steward"])
    #expect(phases.map { $0["kind"] as? String } == ["agent", "review", "approval"])
    let manifest = try box.manifest("g")
    #expect(manifest["status"] as? String == "ready")
    #expect(manifest["goal"] as? String == "Write a haiku\nabout tests")
    #expect(manifest["title"] as? String == "Write a haiku", "the title defaults to the goal's first line")
  }

  @Test func createWithoutFromOrGoalIsAUsageError() throws {
    let box = try Sandbox()
    let result = try box.logist(["job", "create", "x"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--goal"))
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path))
  }

  @Test func draftCannotStepUntilActivated() throws {
    let box = try Sandbox()
    let create = try box.logist(["job", "create", "d", "--from", Sandbox.template("hello-world").path, "--draft"])
    #expect(create.status == 0, "\(create.stderr)")
    #expect(create.stdout.contains("(draft, 2 phases)"))
    #expect(create.stdout.contains("job activate d"))
    #expect(try box.manifest("d")["status"] as? String == "draft")

    let before = Sandbox.snapshot(box.jobDirectory("d"))
    let step = try box.logist(["job", "step", "d"])
    #expect(step.status == 1, "\(step.stdout)")
    #expect(step.stderr.contains("job activate"), "\(step.stderr)")
    let run = try box.logist(["job", "run", "d"])
    #expect(run.status == 1, "run of a draft did not succeed, so it must not exit 0")
    #expect(run.stderr.contains("job activate d"), "\(run.stdout)\(run.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("d")) == before)
    #expect(box.runNames("d").isEmpty)

    let activate = try box.logist(["job", "activate", "d"])
    #expect(activate.status == 0, "\(activate.stderr)")
    #expect(try box.manifest("d")["status"] as? String == "ready")
    let again = try box.logist(["job", "activate", "d"])
    #expect(again.status == 1)
    #expect(again.stderr.contains("only a draft"), "\(again.stderr)")
    let finish = try box.logist(["job", "run", "d"])
    #expect(finish.status == 0)
    #expect(try box.manifest("d")["status"] as? String == "succeeded")
  }

  @Test func responsesOptionCopiesTheScript() throws {
    let box = try Sandbox()
    let script = Sandbox.template("hello-world").appendingPathComponent("responses.json")
    let create = try box.logist(["job", "create", "r", "--goal", "greet", "--responses", script.path])
    #expect(create.status == 0, "\(create.stderr)")
    let copied = try Data(contentsOf: box.jobDirectory("r").appendingPathComponent("responses.json"))
    #expect(copied == (try Data(contentsOf: script)))
    // The script is used: implement and review replay, the approval waits for a person.
    let run = try box.logist(["job", "run", "r"])
    #expect(run.status == 2)
    #expect(try box.manifest("r")["status"] as? String == "awaiting_approval")
  }

  @Test func responsesOptionOverridesTheTemplateScript() throws {
    let box = try Sandbox()
    let other = try box.write(
      #"[{"phase": "implement", "response": {"action": "STUCK", "summary": "from the option"}}]"#, to: "other.json")
    let create = try box.logist([
      "job", "create", "o", "--from", Sandbox.template("hello-world").path, "--responses", other.path,
    ])
    #expect(create.status == 0, "\(create.stderr)")
    try box.logist(["job", "run", "o"])
    #expect((try box.manifest("o")["statusReason"] as? String)?.contains("from the option") == true)
  }

  @Test func missingResponsesFileIsRefused() throws {
    let box = try Sandbox()
    let result = try box.logist([
      "job", "create", "m", "--goal", "x", "--responses", box.root.appendingPathComponent("none.json").path,
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("none.json"))
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("m").path))
  }

  @Test func responsesNamingAPhaseTheGoalStrategyLacksIsRefused() throws {
    let box = try Sandbox()
    let script = try box.write(
      #"[{"phase": "deploy", "response": {"action": "COMPLETED", "summary": "x"}}]"#, to: "s.json")
    let result = try box.logist(["job", "create", "m", "--goal", "x", "--responses", script.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("deploy"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("m").path))
  }

  @Test func titleAndGoalOverrideTheTemplate() throws {
    let box = try Sandbox()
    let create = try box.logist([
      "job", "create", "t", "--from", Sandbox.template("hello-world").path, "--title", "My title", "--goal", "My goal",
    ])
    #expect(create.status == 0, "\(create.stderr)")
    let manifest = try box.manifest("t")
    #expect(manifest["title"] as? String == "My title")
    #expect(manifest["goal"] as? String == "My goal")
    let preview = try box.logist(["job", "preview", "t"])
    #expect(preview.stdout.hasPrefix("# My title\n"))
    #expect(preview.stdout.contains("My goal"))
    let status = try box.logist(["job", "status", "t"])
    #expect(status.stdout.contains("t — My title"), "\(status.stdout)")
  }

  @Test func titleWithGoal() throws {
    let box = try Sandbox()
    try box.logist(["job", "create", "t", "--goal", "long goal text", "--title", "Short"])
    #expect(try box.manifest("t")["title"] as? String == "Short")
  }

  @Test func templateSeedBecomesTheBaseCommitOfTheWorkspace() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let workspace = box.jobDirectory("hello").appendingPathComponent("workspace")
    #expect(
      try Data(contentsOf: workspace.appendingPathComponent("hello.py"))
        == (try Data(contentsOf: Sandbox.template("hello-world").appendingPathComponent("seed/hello.py"))))
    #expect(try GitWitness.git(["log", "--format=%s"], in: workspace) == "Import seed\n")
    #expect(try GitWitness.git(["branch", "--show-current"], in: workspace) == "logist/hello\n")
    #expect(try GitWitness.git(["status", "--porcelain"], in: workspace).isEmpty)
    let base = try GitWitness.git(["rev-parse", "HEAD"], in: workspace).trimmingCharacters(in: .newlines)
    let source = try box.manifest("hello")["source"] as? [String: Any]
    #expect(source?["baseCommit"] as? String == base)
    #expect(source?["kind"] as? String == "directory")
  }
}

/// `job create` never leaves behind a job that later commands cannot read.
@Suite(.serialized) struct CreateLeavesNoUnreadableJobTests {
  static let cases: [[String]] = [
    ["--from", Sandbox.template("hello-world").path, "--title", ""],
    ["--from", Sandbox.template("hello-world").path, "--goal", ""],
    ["--goal", "a goal", "--title", ""],
    ["--goal", "a goal", "--title", String(repeating: "t", count: 201)],
  ]

  @Test(arguments: cases)
  func createIsRefusedOrTheJobIsUsable(_ options: [String]) throws {
    let box = try Sandbox()
    let create = try box.logist(["job", "create", "x"] + options)
    expectNoCrash(create)
    if create.status == 0 {
      let status = try box.logist(["job", "status", "x"])
      #expect(status.status == 0, "create accepted \(options) but the job cannot be read: \(status.stderr)")
    } else {
      #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("x").path), "a refused create left a job")
    }
  }
}
