import Foundation
import Testing

@testable import LogistCore

/// Manifests, ids, responses and paths: bad input gets an error naming the file and key path.
struct ManifestLoaderTests {
  static let valid = """
    {"schemaVersion": 1, "id": "j", "title": "T", "goal": "G", "status": "ready",
     "phases": [{"name": "implement", "role": "worker", "kind": "agent"},
                {"name": "review", "role": "supervisor", "kind": "review", "onReject": "implement"}],
     "currentPhase": "implement", "attempt": 1, "attempts": {"implement": 1}, "history": [],
     "createdAt": "2026-11-21T22:04:10.123Z", "updatedAt": "2026-11-21T22:04:10.123Z"}
    """

  func load(_ text: String) throws(LogistError) -> Manifest {
    try ManifestLoader.load(Data(text.utf8), file: "job.json", expectedID: "j")
  }

  func message(_ text: String) -> String {
    do throws(LogistError) {
      _ = try load(text)
      return "no error"
    } catch {
      return error.message
    }
  }

  @Test func validManifestLoads() throws {
    let job = try load(Self.valid)
    #expect(job.phases.count == 2)
    #expect(job.phase.name == "implement")
    #expect(job.createdAt == JSONCoding.parseDate("2026-11-21T22:04:10.123Z"))
  }

  @Test func wrongTypeNamesFileAndKeyPath() {
    let text = Self.valid.replacingOccurrences(of: "\"onReject\": \"implement\"", with: "\"maxAttempts\": \"3\"")
    #expect(message(text) == "job.json: phases[1].maxAttempts: expected an integer")
  }

  @Test func unknownKeyNamesTheKeyAndWhatIsAllowed() {
    let text = Self.valid.replacingOccurrences(of: "\"kind\": \"agent\"}", with: "\"kind\": \"agent\", \"colour\": 1}")
    #expect(
      message(text).hasPrefix(
        "job.json: phases[0].colour: unknown key (allowed: kind, maxAttempts, name, onReject, role)"))
  }

  @Test func malformedJSONGivesLineAndColumn() {
    #expect(message("{\n  \"a\": 1,\n}") == "job.json: invalid JSON at line 2, column 9: trailing comma before '}'")
  }

  @Test func aTemplateIsNotAJob() {
    #expect(
      message(
        #"{"schemaVersion": 1, "title": "T", "goal": "G", "phases": [{"name": "a", "role": "worker", "kind": "agent"}]}"#
      )
      .contains("status: missing required key"))
  }

  @Test func semanticRulesBeyondTheSchema() {
    let badReject = Self.valid.replacingOccurrences(
      of: "\"onReject\": \"implement\"", with: "\"onReject\": \"nowhere\"")
    #expect(message(badReject).contains("phases[1].onReject: no phase named \"nowhere\""))
    let duplicate = Self.valid.replacingOccurrences(of: "\"name\": \"review\"", with: "\"name\": \"implement\"")
    #expect(message(duplicate).contains("appears twice"))
    let badPhase = Self.valid.replacingOccurrences(
      of: "\"currentPhase\": \"implement\"", with: "\"currentPhase\": \"deploy\"")
    #expect(message(badPhase).contains("currentPhase: no phase named \"deploy\""))
    let badAttempt = Self.valid.replacingOccurrences(of: "\"attempt\": 1", with: "\"attempt\": 2")
    #expect(message(badAttempt).contains("attempt: 2 disagrees with attempts.implement"))
    #expect(
      message(Self.valid.replacingOccurrences(of: "\"id\": \"j\"", with: "\"id\": \"k\"")).contains(
        "does not match its directory"))
  }

  @Test func encodedManifestLoadsBackIdentically() throws {
    let job = try load(Self.valid)
    let data = try JSONCoding.data(job)
    #expect(try ManifestLoader.load(data, file: "job.json") == job)
    #expect(String(decoding: data, as: UTF8.self).hasSuffix("}\n"))
  }

  @Test(arguments: ["", "..", ".", "a/b", "-x", "_x", String(repeating: "a", count: 65), "a b", "é"])
  func invalidJobIDsAreRefused(id: String) {
    #expect(throws: LogistError.self) { try JobID.validate(id) }
  }

  @Test(arguments: ["a", "A1", "job-1.2_x", String(repeating: "a", count: 64)])
  func validJobIDs(id: String) throws {
    try JobID.validate(id)
  }

  @Test func workspacePathsMustStayInside() {
    #expect(WorkspacePath.problem("src/a.swift") == nil)
    #expect(WorkspacePath.problem("src/../a.swift") == nil)
    #expect(WorkspacePath.problem("../a") == "leaves the workspace")
    #expect(WorkspacePath.problem("a/../../b") == "leaves the workspace")
    #expect(WorkspacePath.problem("/etc/passwd")?.contains("absolute") == true)
    #expect(WorkspacePath.problem("") == "is empty")
  }
}
