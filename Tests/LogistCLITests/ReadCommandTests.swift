import Foundation
import Testing

/// `job list`, `job status`, `job history` (text and JSON) and `job validate`.
@Suite(.serialized) struct ReadCommandTests {
  /// Two jobs: `done` (succeeded) and `todo` (ready).
  private func twoJobs() throws -> Sandbox {
    let box = try Sandbox()
    try box.create("done", from: "hello-world")
    try box.create("todo", from: "review-loop")
    try box.logist(["job", "run", "done"])
    return box
  }

  @Test func listJSONIsAnArrayOfJobRows() throws {
    let box = try twoJobs()
    let list = try box.logist(["job", "list", "--json"])
    #expect(list.status == 0, "\(list.stderr)")
    let rows = try #require(try Sandbox.json(list.stdout) as? [[String: Any]])
    #expect(rows.map { $0["id"] as? String } == ["done", "todo"])
    for row in rows {
      for key in ["id", "status", "currentPhase", "runs", "costUSD"] {
        #expect(row[key] != nil, "row \(row["id"] ?? "?") lacks \(key)")
      }
    }
    #expect(rows[0]["status"] as? String == "succeeded")
    #expect(rows[0]["runs"] as? Int == 2)
    #expect(abs((rows[0]["costUSD"] as? Double ?? 0) - 0.0184) < 1e-9)
    #expect(rows[1]["status"] as? String == "ready")
    #expect(rows[1]["currentPhase"] as? String == "implement")
    #expect(rows[1]["runs"] as? Int == 0)
  }

  @Test func listFiltersByStatus() throws {
    let box = try twoJobs()
    let list = try box.logist(["job", "list", "--status", "succeeded", "--json"])
    #expect(list.status == 0)
    let rows = try #require(try Sandbox.json(list.stdout) as? [[String: Any]])
    #expect(rows.map { $0["id"] as? String } == ["done"])
    let text = try box.logist(["job", "list", "--status", "ready"])
    let ids = lines(text.stdout).dropFirst().map { String($0.prefix(while: { !$0.isWhitespace })) }
    #expect(ids == ["todo"], "\(text.stdout)")
    let none = try box.logist(["job", "list", "--status", "failed", "--json"])
    #expect(
      try Sandbox.json(none.stdout) as? [Any] != nil && (try Sandbox.json(none.stdout) as? [Any])?.isEmpty == true)
  }

  @Test func listWithAnUnknownStatusIsAUsageError() throws {
    let box = try twoJobs()
    let list = try box.logist(["job", "list", "--status", "finished"])
    #expect(list.status == 64)
    #expect(list.stderr.contains("succeeded"), "the message lists the statuses: \(list.stderr)")
    #expect(list.stdout.isEmpty)
  }

  @Test func listOfAnEmptyOrMissingJobsDirectory() throws {
    let box = try Sandbox()
    let list = try box.logist(["job", "list", "--json"])
    #expect(list.status == 0, "\(list.stderr)")
    #expect((try Sandbox.json(list.stdout) as? [Any])?.isEmpty == true)
    let text = try box.logist(["job", "list"])
    #expect(text.stdout.hasPrefix("no jobs"))
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path), "listing creates nothing")
  }

  @Test func statusJSONHasTheDocumentedKeys() throws {
    let box = try twoJobs()
    let status = try box.logist(["job", "status", "todo", "--json"])
    #expect(status.status == 0, "\(status.stderr)")
    let object = try #require(try Sandbox.json(status.stdout) as? [String: Any])
    let keys = [
      "id", "status", "currentPhase", "phaseNumber", "phaseCount", "attempt", "maxAttempts", "runs", "usage", "next",
    ]
    for key in keys { #expect(object[key] != nil, "status --json lacks \(key)") }
    #expect(object["id"] as? String == "todo")
    #expect(object["phaseNumber"] as? Int == 1)
    #expect(object["phaseCount"] as? Int == 2)
    #expect(object["maxAttempts"] as? Int == 3)
    #expect(object["next"] as? String == "logist --jobs-dir \(box.jobs.path) job run todo")
    #expect((object["usage"] as? [String: Any])?["costUSD"] != nil)
  }

  @Test func statusJSONOfAFinishedJob() throws {
    let box = try twoJobs()
    let object = try #require(
      try Sandbox.json(try box.logist(["job", "status", "done", "--json"]).stdout) as? [String: Any])
    #expect(object["status"] as? String == "succeeded")
    #expect(object["runs"] as? Int == 2)
    #expect(object["phaseNumber"] as? Int == 2)
    let usage = try #require(object["usage"] as? [String: Any])
    #expect(usage["inputTokens"] as? Int == 2100)
  }

  @Test func statusTextSaysWhatToDoNext() throws {
    let box = try twoJobs()
    let status = try box.logist(["job", "status", "todo"])
    #expect(status.status == 0)
    #expect(status.stdout.contains("status:     ready"))
    #expect(status.stdout.contains("phase:      implement (1 of 2, agent, role worker)"), "\(status.stdout)")
    #expect(status.stdout.contains("next:       logist --jobs-dir \(box.jobs.path) job run todo"))
  }

  @Test func historyJSONNumbersEntriesFromOne() throws {
    let box = try twoJobs()
    let history = try box.historyJSON("done")
    #expect(history.map { $0["number"] as? Int } == [1, 2])
    #expect(history.map { $0["phase"] as? String } == ["implement", "review"])
    #expect(history.map { $0["provider"] as? String } == ["replay", "replay"])
    #expect(history.map { $0["run"] as? String } == ["0001-implement", "0002-review"])
    #expect(try box.historyJSON("todo").isEmpty)
    let text = try box.logist(["job", "history", "todo"])
    #expect(text.stdout.contains("no history yet"))
  }

  @Test func validateAGoodJobAndATemplateDirectory() throws {
    let box = try twoJobs()
    let job = try box.logist(["job", "validate", "done"])
    #expect(job.status == 0, "\(job.stdout)\(job.stderr)")
    #expect(lines(job.stdout).allSatisfy { $0.hasPrefix("ok:") }, "\(job.stdout)")
    #expect(job.stdout.contains("valid job (succeeded, 2 phases, 2 history entries)"), "\(job.stdout)")

    try FileManager.default.createDirectory(
      at: box.root.appendingPathComponent("Jobs"), withIntermediateDirectories: true)
    _ = try box.copyTemplate("hello-world", as: "Jobs/hello-world")
    let template = try box.logist(["job", "validate", "Jobs/hello-world"])
    #expect(template.status == 0, "\(template.stdout)\(template.stderr)")
    #expect(template.stdout.contains("is a valid template (2 phases)"), "\(template.stdout)")
    #expect(template.stdout.contains("responses.json is a valid replay script"), "\(template.stdout)")
  }

  @Test func validateListsEveryProblemOfAFile() throws {
    let box = try Sandbox()
    let file = box.root.appendingPathComponent("path/to/job.json")
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Sandbox.template("hello-world").appendingPathComponent("job.json"), to: file)
    try Sandbox.editJSON(file) { value in
      var object = value as? [String: Any] ?? [:]
      var phases = object["phases"] as? [[String: Any]] ?? []
      phases[0]["colour"] = "red"
      phases[1]["maxAttempts"] = "3"
      object["phases"] = phases
      value = object
    }
    let result = try box.logist(["job", "validate", "path/to/job.json"])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let errors = lines(result.stdout).filter { $0.hasPrefix("error:") }
    #expect(errors.count == 2, "\(result.stdout)")
    #expect(errors.contains { $0.contains("phases[0].colour") && $0.contains(file.path) })
    #expect(errors.contains { $0.contains("phases[1].maxAttempts: expected an integer") })
    expectNoCrash(result)
  }

  @Test func validateSomethingThatDoesNotExist() throws {
    let box = try Sandbox()
    let result = try box.logist(["job", "validate", "ghost"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("ghost"))
  }
}
