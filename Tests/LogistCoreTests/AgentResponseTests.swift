import Foundation
import Testing

@testable import LogistCore

/// The agent-response protocol: anything but a valid response for the phase is refused with a reason.
struct AgentResponseTests {
  let agent = Phase(name: "implement", role: "worker", kind: .agent)
  let review = Phase(name: "review", role: "supervisor", kind: .review)

  func reason(_ text: String, phase: Phase? = nil) -> String? {
    do throws(LogistError) {
      _ = try AgentResponse.interpret(Data(text.utf8), phase: phase ?? agent, file: "r.json")
      return nil
    } catch {
      return error.message
    }
  }

  @Test func validResponseWithUsage() throws {
    let text =
      #"{"action":"COMPLETED","summary":"done","evidenceFiles":["a.txt"],"usage":{"inputTokens":10,"costUSD":0.5}}"#
    let response = try AgentResponse.interpret(Data(text.utf8), phase: agent, file: "r.json")
    #expect(response.action == .completed)
    #expect(response.usage?.usage == Usage(inputTokens: 10, costUSD: 0.5))
  }

  @Test func refusals() {
    #expect(reason("") == "r.json: the response is empty")
    #expect(reason("I am done")?.hasPrefix("r.json: invalid JSON at line 1") == true)
    #expect(reason(#"{"action":"DONE","summary":"x"}"#)?.contains("action: expected one of:") == true)
    #expect(reason(#"{"action":"COMPLETED"}"#) == "r.json: summary: missing required key")
    #expect(reason(#"{"action":"COMPLETED","summary":"x","mood":"happy"}"#)?.contains("mood: unknown key") == true)
    #expect(
      reason(#"{"action":"COMPLETED","summary":"x","usage":{"inputTokens":-1}}"#)?.contains(
        "usage.inputTokens: must be at least 0") == true)
    #expect(
      reason(#"{"action":"APPROVED","summary":"x"}"#)?.contains("APPROVED is not allowed in phase implement") == true)
    #expect(
      reason(#"{"action":"COMPLETED","summary":"x"}"#, phase: review)?.contains("COMPLETED is not allowed") == true)
    #expect(
      reason(#"{"action":"COMPLETED","summary":"x","evidenceFiles":["../../etc/passwd"]}"#)
        == #"r.json: evidenceFiles[0]: "../../etc/passwd" leaves the workspace"#)
  }

  @Test func replayScriptPicksTheNthEntryForAPhase() throws {
    let text =
      #"[{"phase":"implement","response":{"action":"RETRY","summary":"1"}},{"phase":"review","raw":"x"},{"phase":"implement","response":{"action":"COMPLETED","summary":"2"}}]"#
    let script = try ResponseScript.load(Data(text.utf8), file: "responses.json", phases: [agent, review])
    #expect(script.count(for: "implement") == 2)
    #expect(
      (script.entry(phase: "implement", attempt: 2).map { String(decoding: $0.raw, as: UTF8.self) } ?? "").contains(
        "\"2\""))
    #expect(script.entry(phase: "review", attempt: 1)?.raw == Data("x".utf8))
    #expect(script.entry(phase: "implement", attempt: 3) == nil)
  }

  @Test func replayScriptMustNameTheJobsPhases() {
    #expect(throws: LogistError.self) {
      try ResponseScript.load(Data(#"[{"phase":"deploy","raw":"x"}]"#.utf8), file: "responses.json", phases: [agent])
    }
    #expect(throws: LogistError.self) {
      try ResponseScript.load(
        Data(#"[{"phase":"implement","raw":"x","files":[{"path":"../x"}]}]"#.utf8), file: "responses.json",
        phases: [agent])
    }
  }
}
