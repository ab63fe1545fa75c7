import Foundation
import Testing

@testable import LogistCore

/// Finding the agent response in an agent's final message.
struct AgentResponseExtractorTests {
  let phase = Phase(name: "implement", role: "worker", kind: .agent)

  func extract(_ text: String) throws(LogistError) -> AgentResponse {
    try AgentResponseExtractor.extract(from: text, phase: phase, file: "runs/0001-implement/agent.log").response
  }

  func problem(_ text: String) -> String? {
    do throws(LogistError) {
      _ = try extract(text)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func fencedBlockAmidProse() throws {
    let text = """
      I changed hello.py. Here is my report:

      ```json
      {"action": "COMPLETED", "summary": "Implemented {greet}; braces \\"}\\" in strings are fine", "usage": {"actions": 3}}
      ```
      Thanks!
      """
    let response = try extract(text)
    #expect(response.summary == #"Implemented {greet}; braces "}" in strings are fine"#)
    #expect(response.usage?.actions == 3)
  }

  @Test func theLastValidObjectWins() throws {
    let text = """
      First draft: {"action": "RETRY", "summary": "first"}
      Final: {"action": "COMPLETED", "summary": "second"} and a stray { brace
      """
    #expect(try extract(text).summary == "second")
  }

  @Test func anInvalidLastResponseFallsBackToAnEarlierValidOne() throws {
    let text = #"{"action":"COMPLETED","summary":"good"} then {"action":"APPROVED","summary":"not allowed here"}"#
    #expect(try extract(text).summary == "good")
  }

  @Test func reasonsWhenThereIsNone() {
    #expect(
      problem("I did it, trust me.")
        == "runs/0001-implement/agent.log: no JSON object in the agent's final message: it must end with the agent response"
    )
    #expect(problem(#"stats: {"files": 2}"#)?.contains("no JSON object with an \"action\" key") == true)
    #expect(
      problem(#"{"action":"APPROVED","summary":"x"}"#)?.hasPrefix(
        "runs/0001-implement/agent.log: action: APPROVED is not allowed in phase implement") == true)
    #expect(problem(#"{"action":"COMPLETED"}"#) == "runs/0001-implement/agent.log: summary: missing required key")
  }
}
