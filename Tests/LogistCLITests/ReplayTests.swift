import Foundation
import Testing

/// The replay provider: recorded responses, their gaps, garbage and think time.
@Suite(.serialized) struct ReplayTests {
  /// A copy of hello-world whose `responses.json` is edited by `edit`.
  private func template(
    _ box: Sandbox, _ name: String, edit: ([[String: Any]]) -> [[String: Any]]
  ) throws -> URL {
    let copy = try box.copyTemplate("hello-world", as: name)
    try Sandbox.editJSON(copy.appendingPathComponent("responses.json")) { value in
      value = edit(value as? [[String: Any]] ?? [])
    }
    return copy
  }

  /// hello-world whose first response thinks for one second.
  private func slowTemplate(_ box: Sandbox) throws -> URL {
    try template(box, "slow") { entries in
      var result = entries
      result[0]["delaySeconds"] = 1
      return result
    }
  }

  @Test func runningOutOfRecordedResponsesNeedsIntervention() throws {
    let box = try Sandbox()
    let short = try template(box, "short") { Array($0.prefix(1)) }
    try box.create("short", fromDirectory: short)
    let run = try box.logist(["job", "run", "short"])
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    let manifest = try box.manifest("short")
    #expect(manifest["status"] as? String == "needs_intervention")
    #expect(manifest["currentPhase"] as? String == "review")
    let reason = manifest["statusReason"] as? String ?? ""
    #expect(reason.contains("no recorded response for phase review, attempt 1"), "\(reason)")
    let entry = try #require(try box.history("short").last)
    #expect(entry["action"] as? String == "NO_RESPONSE")
    #expect(box.runNames("short") == ["0001-implement", "0002-review"])
    #expect(
      !FileManager.default.fileExists(
        atPath: box.jobDirectory("short").appendingPathComponent("runs/0002-review/response.json").path),
      "there was no response to archive")
  }

  @Test func aJobWithoutAScriptNeedsInterventionOnItsFirstStep() throws {
    let box = try Sandbox()
    try box.logist(["job", "create", "bare", "--goal", "do something"])
    let step = try box.logist(["job", "step", "bare"])
    #expect(step.status == 2, "\(step.stdout)\(step.stderr)")
    let reason = try box.manifest("bare")["statusReason"] as? String ?? ""
    #expect(reason.contains("no recorded response for phase implement, attempt 1"), "\(reason)")
  }

  @Test func rawGarbageIsArchivedAndNeedsIntervention() throws {
    let box = try Sandbox()
    let garbage = try template(box, "garbage") { _ in [["phase": "implement", "raw": "I think I am done"]] }
    try box.create("garbage", fromDirectory: garbage)
    let run = try box.logist(["job", "run", "garbage"])
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    let manifest = try box.manifest("garbage")
    #expect(manifest["status"] as? String == "needs_intervention")
    let reason = manifest["statusReason"] as? String ?? ""
    #expect(reason.contains("invalid agent response"), "\(reason)")
    #expect(reason.contains("runs/0001-implement/response.json"), "\(reason)")
    #expect(try box.runFile("garbage", "0001-implement", "response.json") == Data("I think I am done".utf8))
    #expect(try box.history("garbage").last?["action"] as? String == "INVALID_RESPONSE")
  }

  @Test func rawValidJSONIsAcceptedLikeARecordedResponse() throws {
    let box = try Sandbox()
    let raw = #"{"action": "COMPLETED", "summary": "raw but fine"}"#
    let copy = try template(box, "raw") { entries in
      var result = entries
      result[0] = ["phase": "implement", "raw": raw]
      return result
    }
    try box.create("raw", fromDirectory: copy)
    let run = try box.logist(["job", "run", "raw"])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(try box.runFile("raw", "0001-implement", "response.json") == Data(raw.utf8))
    #expect(try box.history("raw").first?["summary"] as? String == "raw but fine")
  }

  @Test func delaySecondsMakesTheRunTakeThatLong() throws {
    let box = try Sandbox()
    let slow = try slowTemplate(box)
    try box.create("slow", fromDirectory: slow)
    let start = Date()
    let run = try box.logist(["job", "run", "slow"])
    let elapsed = Date().timeIntervalSince(start)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(elapsed >= 1.0, "the run took \(elapsed) s")
    let first = try #require(try box.history("slow").first)
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let started = try #require(formatter.date(from: first["startedAt"] as? String ?? ""))
    let ended = try #require(formatter.date(from: first["endedAt"] as? String ?? ""))
    #expect(ended.timeIntervalSince(started) >= 1.0, "the history entry records the think time")
  }

  @Test func dryRunSimulatesTheDelay() throws {
    let box = try Sandbox()
    let slow = try slowTemplate(box)
    try box.create("slow", fromDirectory: slow)
    let dry = try box.logist(["job", "run", "slow", "--dry-run"])
    #expect(dry.status == 0)
    #expect(dry.stdout.contains("1.0 s simulated"), "\(dry.stdout)")
  }

  @Test func replayGivesTheNthAttemptTheNthRecordedResponse() throws {
    let box = try Sandbox()
    let retry = try template(box, "retry") { entries in
      [["phase": "implement", "response": ["action": "RETRY", "summary": "flaky tool, again"]]] + entries
    }
    try box.create("retry", fromDirectory: retry)
    let run = try box.logist(["job", "run", "retry"])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    let history = try box.history("retry")
    #expect(history.map { $0["action"] as? String } == ["RETRY", "COMPLETED", "APPROVED"])
    #expect(history.map { $0["attempt"] as? Int } == [1, 2, 1])
  }

  @Test func malformedScriptInAJobIsAnErrorNotARun() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let script = box.jobDirectory("hello").appendingPathComponent("responses.json")
    try Data("[{\"phase\": \"implement\",}]".utf8).write(to: script)
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let step = try box.logist(["job", "step", "hello"])
    #expect(step.status == 1, "\(step.stdout)\(step.stderr)")
    #expect(step.stderr.contains(script.path), "\(step.stderr)")
    expectNoCrash(step)
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
  }
}
