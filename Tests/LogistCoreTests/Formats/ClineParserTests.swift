import Foundation
import Testing

@testable import LogistCore

/// Cline 3.x `--json`, from fixtures built from the notes, one test per pitfall.
struct ClineParserTests {
  @Test func realUnauthorizedRunSkipsTheANSIWarningAndIsFatal() throws {
    let parser = try FormatFixtures.file(ClineParser(), "cline/run-unauthorized.jsonl", exit: .some(1))
    #expect(parser.failure == AgentFailure(.fatal, "Unauthorized", code: "error"))
    #expect(parser.sessionID == "conv_1787881991885_uzysg3d")
    #expect(parser.model == "cline-pass/deepseek-v4-flash")
    #expect(parser.usage.actions == 1)
    #expect(parser.completed)
  }

  @Test func successfulRunTakesTheResultAggregateAndRunStartSession() throws {
    let parser = try FormatFixtures.file(ClineParser(), "cline/run-success.jsonl")
    #expect(parser.failure == nil)
    // inputTokens counts cache reads too: 13911 - 482 uncached.
    #expect(parser.usage == Usage(inputTokens: 13911 - 482, outputTokens: 115, cacheReadTokens: 482, actions: 2))
    #expect(parser.reportedCostUSD == nil, "totalCost 0 means unknown, not free")
    #expect(parser.sessionID == "sess_1787882999101_a7k2m9")
    #expect(parser.model == "claude-sonnet-4-5")
    let text = try #require(parser.resultText)
    let phase = Phase(name: "implement", role: "worker", kind: .agent)
    #expect(
      try AgentResponseExtractor.extract(from: text, phase: phase, file: "agent.log").response.action == .completed)
  }

  @Test func aStreamCutBeforeRunResultKeepsTheStreamedUsage() throws {
    let parser = try FormatFixtures.file(ClineParser(), "cline/run-cut.jsonl", exit: .some(143))
    #expect(!parser.completed)
    // totalInputTokens (a running total) where given, the per-call values elsewhere.
    #expect(parser.usage == Usage(inputTokens: 6901 - 241, outputTokens: 83, cacheReadTokens: 241, actions: 1))
    #expect(parser.failure?.message == "cline exited with status 143 before run_result")
    #expect(parser.lastActivity == "tool: read_file")
  }

  @Test func maxIterationsIsFatalAndReportsItsCost() throws {
    let parser = try FormatFixtures.file(ClineParser(), "cline/run-max-iterations.jsonl", exit: .some(1))
    #expect(parser.failure == AgentFailure(.fatal, "cline stopped: max_iterations", code: "max_iterations"))
    #expect(parser.reportedCostUSD == 1.234)
    #expect(
      parser.usage
        == Usage(
          inputTokens: 150_000, outputTokens: 9000, cacheReadTokens: 350_000, cacheWriteTokens: 12000, costUSD: 1.234,
          actions: 50))
  }

  @Test func aRateLimitErrorOnStderrIsTransient() throws {
    let stderr = try FormatFixtures.text("cline/stderr-rate-limit.jsonl")
    let parser = FormatFixtures.run(ClineParser(), stdout: "", stderr: stderr, exit: .some(1))
    #expect(parser.failure?.kind == .transient)
    #expect(parser.failure?.message.contains("429 Too Many Requests") == true)
  }

  @Test func theFinishReasonDecidesNotTheExitCode() throws {
    let parser = try FormatFixtures.file(ClineParser(), "cline/run-success.jsonl", exit: .some(1))
    #expect(parser.failure == nil)
  }
}
