import Foundation
import Testing

@testable import LogistCore

/// `codex exec --json`, from fixtures built from the notes, one test per pitfall.
struct CodexParserTests {
  let phase = Phase(name: "implement", role: "worker", kind: .agent)

  @Test func officialSampleGivesTokensFinalTextAndThread() throws {
    let parser = try FormatFixtures.file(CodexParser(model: "gpt-5-codex"), "codex/exec-success.jsonl")
    #expect(parser.usage == Usage(inputTokens: 24763 - 24448, outputTokens: 122, cacheReadTokens: 24448, actions: 1))
    #expect(parser.reportedCostUSD == nil)
    #expect(parser.sessionID == "0199a213-81c0-7800-8aa1-bbab2a035a53")
    #expect(parser.model == "gpt-5-codex")
    #expect(parser.resultText == "Yep — there’s a `README.md` in the repository root.")
    #expect(parser.totals == CodexTotals(inputTokens: 24763, cachedInputTokens: 24448, outputTokens: 122))
    #expect(parser.completed && parser.failure == nil)
  }

  @Test func usageIsCumulativeOverTheThreadSoAResumedRunCountsOnlyItsDelta() throws {
    let before = CodexTotals(inputTokens: 18080, cachedInputTokens: 15000, outputTokens: 300)
    let parser = try FormatFixtures.file(CodexParser(baseline: before), "codex/exec-resume.jsonl")
    #expect(parser.usage == Usage(inputTokens: 18117 - 15208, outputTokens: 311, cacheReadTokens: 15208))
    #expect(parser.totals?.inputTokens == 36197)
  }

  @Test func reconnectErrorsAreNotFailures() throws {
    let parser = try FormatFixtures.file(CodexParser(), "codex/exec-reconnect-then-success.jsonl")
    #expect(parser.failure == nil)
    #expect(parser.usage.actions == 1)
    let text = try #require(parser.resultText)
    #expect(
      try AgentResponseExtractor.extract(from: text, phase: phase, file: "agent.log").response.action == .completed)
  }

  @Test func turnFailedWithA401IsFatal() throws {
    let parser = try FormatFixtures.file(CodexParser(), "codex/exec-401.jsonl", exit: .some(1))
    let failure = try #require(parser.failure)
    #expect(failure.kind == .fatal)
    #expect(failure.code == "turn.failed")
    #expect(failure.message.hasPrefix("unexpected status 401 Unauthorized"))
    #expect(parser.usage.totalTokens == 0)
  }

  @Test func exitZeroAfterTurnFailedIsStillAFailure() throws {
    let parser = try FormatFixtures.file(CodexParser(), "codex/exec-capacity-exit0.jsonl", exit: .some(0))
    #expect(parser.failure?.kind == .transient)
    #expect(parser.failure?.message == "Selected model is at capacity. Please try a different model.")
  }

  @Test func nonZeroExitAfterACompletedTurnIsNotAFailure() throws {
    let parser = try FormatFixtures.file(CodexParser(), "codex/exec-success.jsonl", exit: .some(1))
    #expect(parser.failure == nil)
    #expect(parser.notes == ["codex exited with status 1 after a completed turn; the turn counts"])
  }

  @Test func aKilledRunHasNoUsageButKeepsItsLastMessage() throws {
    let parser = try FormatFixtures.file(CodexParser(), "codex/exec-killed.jsonl", exit: .some(nil))
    #expect(!parser.completed)
    #expect(parser.usage == Usage(actions: 1))
    #expect(parser.resultText == "Yep — there’s a `README.md` in the repository root.")
    #expect(parser.failure == AgentFailure(.fatal, "codex was ended by a signal before turn.completed"))
  }

  @Test func aBadFlagIsFatalWithClapsMessage() throws {
    let stderr = try FormatFixtures.text("codex/stderr-bad-flag.txt")
    let parser = FormatFixtures.run(CodexParser(), stdout: "", stderr: stderr, exit: .some(2))
    #expect(parser.failure?.kind == .fatal)
    #expect(parser.failure?.message.contains("unexpected argument '--full-auto' found") == true)
  }

  @Test func lastActivityFollowsCommandsAndMessages() throws {
    var parser = CodexParser()
    let lines = try FormatFixtures.text("codex/exec-success.jsonl").split(separator: "\n")
    for line in lines.prefix(4) { parser.feed(line: String(line)) }
    #expect(parser.lastActivity == "$ bash -lc ls")
  }
}
