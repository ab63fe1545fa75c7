import Foundation
import Testing

@testable import LogistCore

/// Claude Code's headless output, from fixtures built from the notes, one test per pitfall.
struct ClaudeStreamParserTests {
  let session = "7b70d796-37ea-4eb3-bf36-943bf898a9ce"
  let phase = Phase(name: "implement", role: "worker", kind: .agent)

  @Test func fullStreamGivesTheResultsTotalsCostAndResponse() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/stream-success.jsonl")
    #expect(
      parser.usage
        == Usage(
          inputTokens: 18, outputTokens: 175, cacheReadTokens: 34324, cacheWriteTokens: 7314, costUSD: 0.0189534,
          actions: 2))
    #expect(parser.reportedCostUSD == 0.0189534)
    #expect(parser.model == "claude-haiku-4-5-20251001")
    #expect(parser.sessionID == session)
    #expect(parser.completed)
    #expect(parser.failure == nil)
    #expect(parser.lastActivity == "finished")
    let text = try #require(parser.resultText)
    let (_, response) = try AgentResponseExtractor.extract(from: text, phase: phase, file: "agent.log")
    #expect(response.action == .completed)
    #expect(response.evidenceFiles == ["docs/handoffs/x/00-missao.md"])
  }

  @Test func usageRepeatedOnEachEventOfAMessageIdCountsOnceWithTheLargestValue() throws {
    // Two messages, each split over two events that repeat its usage; the second's output goes 3 -> 44.
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/stream-cut.jsonl", exit: .none)
    #expect(
      parser.usage
        == Usage(inputTokens: 18, outputTokens: 47, cacheReadTokens: 34324, cacheWriteTokens: 7314, actions: 2))
  }

  @Test func streamCutBeforeTheResultKeepsItsPartialUsageAndLastText() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/stream-cut.jsonl", exit: .some(143))
    #expect(!parser.completed)
    #expect(parser.usage.totalTokens == 18 + 47 + 34324 + 7314)
    #expect(parser.reportedCostUSD == nil)
    #expect(parser.failure?.kind == .fatal)
    #expect(parser.failure?.message == "claude exited with status 143 before its final result event")
    let text = try #require(parser.resultText)
    #expect(text.hasPrefix("Read the handoff; it says hello.\n```json"))
    #expect(
      try AgentResponseExtractor.extract(from: text, phase: phase, file: "agent.log").response.action == .completed)
  }

  @Test func costArrivesOnlyWithTheFinalResult() throws {
    let lines = try FormatFixtures.text("claude/stream-success.jsonl").split(separator: "\n")
    var parser = ClaudeStreamParser()
    for line in lines.dropLast() { parser.feed(line: String(line)) }
    #expect(parser.reportedCostUSD == nil)
    #expect(parser.usage.costUSD == 0)
    #expect(parser.lastActivity?.hasPrefix("says: ```json {\"action\": \"COMPLETED\"") == true)
    parser.feed(line: String(lines.last ?? ""))
    #expect(parser.reportedCostUSD == 0.0189534)
  }

  @Test func lastActivityNamesTheToolBeingUsed() throws {
    let lines = try FormatFixtures.text("claude/stream-success.jsonl").split(separator: "\n")
    var parser = ClaudeStreamParser()
    parser.feed(line: String(lines[0]))
    #expect(parser.lastActivity == "started (claude-haiku-4-5-20251001)")
    parser.feed(line: String(lines[1]))
    parser.feed(line: String(lines[2]))
    #expect(parser.lastActivity == "Read: /tmp/tmp.LlQXlVC5uE/docs/handoffs/x/00-missao.md")
  }

  @Test func totalCostIsCumulativeSoTheLastResultWinsAndResultsAreNotSummed() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/stream-two-results.jsonl")
    #expect(parser.reportedCostUSD == 0.0412)
    #expect(parser.usage.costUSD == 0.0412)
    #expect(parser.usage.outputTokens == 390)
    #expect(parser.usage.actions == 4)
  }

  @Test func plainJSONOutputIsOneResultObject() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/json-result.json")
    #expect(parser.usage == Usage(actions: 2))
    #expect(parser.reportedCostUSD == 0)
    #expect(parser.resultText == "Unknown skill: missing-workflowprogram-entry")
    #expect(parser.sessionID == "912e3d9e-62b2-4fd6-a6ca-f7c49ada7858")
    #expect(parser.failure == nil)
  }

  @Test func verboseTurnsJSONOutputIntoAnArrayWhoseLastResultCounts() throws {
    let expected = try FormatFixtures.file(ClaudeStreamParser(), "claude/stream-success.jsonl")
    let array = try FormatFixtures.file(ClaudeStreamParser(), "claude/json-verbose.json")
    #expect(array.usage == expected.usage)
    #expect(array.resultText == expected.resultText)
    #expect(array.sessionID == expected.sessionID)
    // The same array pretty-printed over many lines.
    let pretty = try JSONValue.parse(FormatFixtures.text("claude/json-verbose.json")).serialized(pretty: true)
    let spread = FormatFixtures.run(ClaudeStreamParser(), stdout: pretty)
    #expect(spread.usage == expected.usage)
    #expect(spread.completed == true)
  }

  @Test func anAPIErrorArrivesAsSuccessWithIsErrorAndIsTransient() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/result-api-error.jsonl", exit: .some(1))
    let failure = try #require(parser.failure)
    #expect(failure.kind == .transient)
    #expect(failure.code == "http 529")
    #expect(failure.message.hasPrefix("API Error: 529"))
  }

  @Test func maxTurnsIsAFatalFailureWithTheToolsMessage() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/result-max-turns.jsonl", exit: .some(1))
    #expect(parser.failure == AgentFailure(.fatal, "Reached maximum number of turns (1)", code: "error_max_turns"))
    #expect(parser.usage.actions == 2)
  }

  @Test func aBudgetStopFailsAlthoughIsErrorIsFalse() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/result-max-budget.jsonl")
    #expect(parser.failure?.code == "error_max_budget_usd")
    #expect(parser.failure?.kind == .fatal)
    #expect(parser.reportedCostUSD == 0.1521415)
    #expect(parser.usage.outputTokens == 5446 && parser.usage.cacheReadTokens == 14253)
  }

  @Test func aUsageLimitIsTransient() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/result-usage-limit.jsonl", exit: .some(1))
    #expect(parser.failure?.kind == .transient)
  }

  @Test func permissionDenialsAreANoteNotAFailure() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(), "claude/result-permission-denied.jsonl")
    #expect(parser.failure == nil)
    #expect(parser.notes == ["permission denied for 1 tool call(s): Bash"])
  }

  @Test func maxTurnsOverrunIsNoted() throws {
    let parser = try FormatFixtures.file(ClaudeStreamParser(maxTurns: 2), "claude/stream-two-results.jsonl")
    #expect(parser.notes == ["ran 4 turns although --max-turns was 2"])
    #expect(try FormatFixtures.file(ClaudeStreamParser(maxTurns: 3), "claude/stream-two-results.jsonl").notes.isEmpty)
  }

  @Test func theJSONDecidesWhenTheExitCodeDisagrees() throws {
    let success = try FormatFixtures.file(ClaudeStreamParser(), "claude/stream-success.jsonl", exit: .some(1))
    #expect(success.failure == nil)
    let error = try FormatFixtures.file(ClaudeStreamParser(), "claude/result-max-turns.jsonl", exit: .some(0))
    #expect(error.failure?.code == "error_max_turns")
  }

  @Test func streamJSONWithoutVerboseIsAFatalBadFlag() throws {
    let stderr = try FormatFixtures.text("claude/stderr-stream-json-without-verbose.txt")
    let parser = FormatFixtures.run(ClaudeStreamParser(), stdout: "", stderr: stderr, exit: .some(1))
    #expect(parser.failure?.kind == .fatal)
    #expect(
      parser.failure?.message
        == "claude exited with status 1 before its final result event: Error: When using --print, --output-format=stream-json requires --verbose"
    )
  }

  @Test func subagentTokensCountButNotAsTurnsAndModelUsageCoversThem() throws {
    let sub =
      #"{"type":"assistant","message":{"id":"msg_sub","model":"claude-haiku-4-5","content":[{"type":"text","text":"sub"}],"usage":{"input_tokens":5,"output_tokens":20,"cache_read_input_tokens":100}},"parent_tool_use_id":"toolu_1","session_id":"s"}"#
    let main =
      #"{"type":"assistant","message":{"id":"msg_main","model":"claude-opus-4-6","content":[{"type":"text","text":"main"}],"usage":{"input_tokens":7,"output_tokens":30}},"parent_tool_use_id":null,"session_id":"s"}"#
    let result =
      #"{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"main","total_cost_usd":0.01,"usage":{"input_tokens":7,"output_tokens":30},"modelUsage":{"claude-opus-4-6":{"inputTokens":7,"outputTokens":30,"costUSD":0.009},"claude-haiku-4-5":{"inputTokens":5,"outputTokens":20,"cacheReadInputTokens":100,"costUSD":0.001}}}"#
    var parser = FormatFixtures.run(ClaudeStreamParser(), stdout: sub + "\n" + main + "\n", exit: .none)
    #expect(parser.usage == Usage(inputTokens: 12, outputTokens: 50, cacheReadTokens: 100, actions: 1))
    #expect(parser.resultText == "main")
    #expect(parser.model == "claude-opus-4-6")
    parser.feed(line: result)
    #expect(parser.usage == Usage(inputTokens: 12, outputTokens: 50, cacheReadTokens: 100, costUSD: 0.01, actions: 1))
  }

  @Test func unknownKeysKeyOrderAndNonJSONLinesDoNotMatter() throws {
    let lines = [
      "some banner printed before the stream", "",
      #"{"num_turns":1,"weird":{"a":[1,2]},"type":"result","subtype":"success","is_error":false,"result":"ok","total_cost_usd":0.5}"#,
    ]
    let parser = FormatFixtures.run(ClaudeStreamParser(), stdout: lines.joined(separator: "\n"))
    #expect(parser.resultText == "ok")
    #expect(parser.reportedCostUSD == 0.5)
    #expect(parser.failure == nil)
  }
}
