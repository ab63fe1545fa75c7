import Foundation
import Testing

/// `job poststep`: a response given by hand takes the path a live response takes.
@Suite(.serialized) struct PoststepTests {
  static let done = #"{"action":"COMPLETED","summary":"done by hand"}"#

  /// A fresh hello-world job.
  private func hello() throws -> Sandbox {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    return box
  }

  /// Checks the job advanced to review with a poststep entry and the archived bytes.
  private func expectApplied(_ box: Sandbox, _ result: CLIResult, bytes: Data) throws {
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let manifest = try box.manifest("hello")
    #expect(manifest["status"] as? String == "ready")
    #expect(manifest["currentPhase"] as? String == "review")
    let entry = try #require(try box.history("hello").last)
    #expect(entry["provider"] as? String == "poststep")
    #expect(entry["action"] as? String == "COMPLETED")
    #expect(entry["summary"] as? String == "done by hand")
    #expect(try box.runFile("hello", "0001-implement", "response.json") == bytes)
  }

  @Test func responseTextAdvancesTheJobAndIsArchivedVerbatim() throws {
    let box = try hello()
    let result = try box.logist(["job", "poststep", "hello", "--response", Self.done])
    try expectApplied(box, result, bytes: Data(Self.done.utf8))
    #expect(box.runNames("hello") == ["0001-implement"])
    #expect(try box.runFile("hello", "0001-implement", "prompt.md").count > 0, "the prompt is archived too")
  }

  @Test func responseFileIsRead() throws {
    let box = try hello()
    let text = "{\n  \"summary\": \"done by hand\",\n  \"action\": \"COMPLETED\"\n}\n"
    let file = try box.write(text, to: "answer.json")
    let result = try box.logist(["job", "poststep", "hello", "--response-file", file.path])
    try expectApplied(box, result, bytes: Data(text.utf8))
  }

  @Test func responseFileDashReadsStandardInput() throws {
    let box = try hello()
    let result = try box.logist(["job", "poststep", "hello", "--response-file", "-"], stdin: Self.done)
    try expectApplied(box, result, bytes: Data(Self.done.utf8))
  }

  @Test func poststepOfTheLastPhaseFinishesTheJob() throws {
    let box = try hello()
    try box.logist(["job", "poststep", "hello", "--response", Self.done])
    let review = #"{"action":"APPROVED","summary":"looks right"}"#
    let result = try box.logist(["job", "poststep", "hello", "--response", review])
    #expect(result.status == 0)
    #expect(try box.manifest("hello")["status"] as? String == "succeeded")
    #expect(try box.runFile("hello", "0002-review", "response.json") == Data(review.utf8))
  }

  /// A bad response and a fragment its reason must contain.
  struct BadResponse: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    let reason: [String]
    var testDescription: String { name }
  }

  static let badResponses = [
    BadResponse(
      name: "unknown key", json: #"{"action":"COMPLETED","summary":"x","colour":"red"}"#,
      reason: ["colour", "unknown key"]),
    BadResponse(
      name: "wrong type", json: #"{"action":"COMPLETED","summary":5}"#, reason: ["summary", "expected a string"]),
    BadResponse(name: "invalid JSON", json: #"{"action": "COMPLETED", "#, reason: ["invalid JSON"]),
    BadResponse(name: "missing action", json: #"{"summary":"x"}"#, reason: ["action", "missing"]),
    BadResponse(name: "unknown action", json: #"{"action":"FINISHED","summary":"x"}"#, reason: ["action", "FINISHED"]),
    BadResponse(
      name: "APPROVED in an agent phase", json: #"{"action":"APPROVED","summary":"x"}"#,
      reason: ["action", "APPROVED is not allowed"]),
    BadResponse(
      name: "evidence leaves the workspace",
      json: #"{"action":"COMPLETED","summary":"x","evidenceFiles":["../etc/passwd"]}"#,
      reason: ["evidenceFiles[0]", "leaves the workspace"]),
    BadResponse(
      name: "absolute evidence",
      json: #"{"action":"COMPLETED","summary":"x","evidenceFiles":["ok.txt","/etc/passwd"]}"#,
      reason: ["evidenceFiles[1]", "absolute"]),
    BadResponse(name: "empty", json: "  \n", reason: ["empty"]),
    BadResponse(name: "array", json: #"["COMPLETED"]"#, reason: ["top level", "expected an object"]),
  ]

  @Test(arguments: badResponses)
  func invalidResponseNeedsInterventionNamingTheProblem(_ bad: BadResponse) throws {
    let box = try hello()
    // A person's typo: refused, named, nothing changed.
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let typed = try box.logist(["job", "poststep", "hello", "--response", bad.json])
    #expect(typed.status == 64, "\(typed.stdout)\(typed.stderr)")
    for fragment in bad.reason {
      #expect(typed.stderr.contains(fragment), "\"\(typed.stderr)\" lacks \"\(fragment)\"")
    }
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
    // An agent's recorded output: judged like a live one.
    let file = try box.write(bad.json, to: "bad.json")
    let result = try box.logist(["job", "poststep", "hello", "--response-file", file.path, "--as-agent-output"])
    #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
    expectNoCrash(result)
    let manifest = try box.manifest("hello")
    #expect(manifest["status"] as? String == "needs_intervention")
    #expect(manifest["currentPhase"] as? String == "implement")
    let reason = manifest["statusReason"] as? String ?? ""
    for fragment in bad.reason {
      #expect(reason.contains(fragment), "reason \"\(reason)\" lacks \"\(fragment)\"")
    }
    #expect(result.stdout.contains(reason), "the outcome shows the reason")
    #expect(try box.runFile("hello", "0001-implement", "response.json") == Data(bad.json.utf8))
    let entry = try #require(try box.history("hello").last)
    #expect(entry["action"] as? String == "INVALID_RESPONSE")
    #expect(entry["provider"] as? String == "poststep")
  }

  @Test func bothResponseOptionsIsAUsageError() throws {
    let box = try hello()
    let file = try box.write(Self.done, to: "answer.json")
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let result = try box.logist(["job", "poststep", "hello", "--response", Self.done, "--response-file", file.path])
    #expect(result.status == 64)
    #expect(result.stderr.contains("exactly one"), "\(result.stderr)")
    let neither = try box.logist(["job", "poststep", "hello"])
    #expect(neither.status == 64)
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
  }

  @Test func missingResponseFileIsAnErrorAndChangesNothing() throws {
    let box = try hello()
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let result = try box.logist([
      "job", "poststep", "hello", "--response-file", box.root.appendingPathComponent("nope.json").path,
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("nope.json"))
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
  }

  @Test func poststepOnAJobThatIsNotReadyIsRefused() throws {
    let box = try hello()
    try box.logist(["job", "cancel", "hello"])
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let result = try box.logist(["job", "poststep", "hello", "--response", Self.done])
    #expect(result.status == 1)
    #expect(result.stderr.contains("cancelled"))
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
  }
}
