import Foundation
import Testing

/// Whole jobs run through fake `claude`, `codex` and `cline` executables that print the tools'
/// documented output formats: usage and cost reach the ledger, and bad endings need a person.
@Suite(.serialized) struct LiveAgentFormatTests {
  /// A sandbox whose worker role is played by `kind`, with a fake of it printing `fixture` and exiting `code`.
  func box(_ kind: String, fixture: String, exit code: Int = 0, role: String = "") throws -> Sandbox {
    let box = try Sandbox()
    try box.fakeAgent(kind, "cat '\(Sandbox.agentFixture(fixture))'\nexit \(code)")
    try box.role("worker", #"{"provider": {"kind": "\#(kind)"\#(role)}}"#)
    try box.createLive("j")
    return box
  }

  @Test func claudeStreamRunsInTheWorkspaceWithThePromptOnStdinAndItsReportedCostInTheLedger() throws {
    let box = try box("claude", fixture: "claude/stream-success.jsonl", role: #", "maxTurns": 7"#)
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    #expect(try box.manifest("j")["currentPhase"] as? String == "review")
    let args = box.call("claude", 1, "args")
    #expect(args.contains("--output-format\nstream-json\n--verbose\n"), "\(args)")
    #expect(args.contains("--max-turns\n7\n"))
    #expect(box.call("claude", 1, "pwd").hasSuffix("/jobs/j/workspace\n"))
    let prompt = String(decoding: try box.runFile("j", "0001-implement", "prompt.md"), as: UTF8.self)
    #expect(box.call("claude", 1, "stdin") == prompt)

    let ledger = try box.ledger("j")
    #expect(ledger.contains { $0["cost"] as? String == "reported" })
    #expect(abs(try box.ledgerSum("j", "costUSD") - 0.0189534) < 1e-9, "the tool's own total_cost_usd")
    #expect(try box.ledgerSum("j", "inputTokens") == 18)
    #expect(try box.ledgerSum("j", "outputTokens") == 175)
    #expect(try box.ledgerSum("j", "cacheReadTokens") == 34324)
    #expect(try box.ledgerSum("j", "cacheWriteTokens") == 7314)
    let entry = try #require(try box.history("j").first)
    #expect(entry["provider"] as? String == "claude/claude-haiku-4-5-20251001")
    #expect(entry["session"] as? String == "7b70d796-37ea-4eb3-bf36-943bf898a9ce")
    #expect((entry["usage"] as? [String: Any])?["costUSD"] as? Double == 0.0189534)
    #expect(box.agentLog("j").contains(#""type":"result""#), "the stream is archived as it came")
  }

  @Test func codexUsageIsPricedAsAnEstimate() throws {
    let box = try Sandbox()
    try box.fakeAgent("codex", "cat '\(Sandbox.agentFixture("codex/exec-reconnect-then-success.jsonl"))'")
    try box.role("worker", #"{"provider": {"kind": "codex"}, "model": "gpt-5"}"#)
    try box.createLive("j")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    #expect(box.call("codex", 1, "args").hasPrefix("exec\n--json\n"))
    let ledger = try box.ledger("j").filter { ($0["inputTokens"] as? Int ?? 0) > 0 }
    #expect(ledger.allSatisfy { $0["cost"] as? String == "estimated" && $0["model"] as? String == "gpt-5" })
    // 30,241 uncached input, 1,920 cached, 47 output at gpt-5 prices.
    let dollars: Double = 30241 * 1.25 + 1920 * 0.125 + 470
    let expected = dollars / 1e6
    #expect(abs(try box.ledgerSum("j", "costUSD") - expected) < 1e-9)
    #expect(try box.history("j").first?["provider"] as? String == "codex/gpt-5")
  }

  @Test func clineZeroTotalCostIsEstimatedFromTheModelItNamed() throws {
    let box = try box("cline", fixture: "cline/run-success.jsonl")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    let args = box.call("cline", 1, "args")
    #expect(args.hasPrefix("--json\n"), "\(args)")
    #expect(args.contains("How to answer"), "the prompt is the last argument")
    let ledger = try box.ledger("j")
    #expect(ledger.contains { $0["cost"] as? String == "estimated" && ($0["costUSD"] as? Double ?? 0) > 0 })
    #expect(try box.ledgerSum("j", "outputTokens") == 115)
    let summary = try box.history("j").first?["summary"] as? String
    #expect(summary == "Checked hello.py; greet() already returns the greeting.")
  }

  @Test func aStreamCutBeforeTheResultKeepsItsUsageAndNeedsAPerson() throws {
    let box = try box("claude", fixture: "claude/stream-cut.jsonl", exit: 143)
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 2, "\(step.stdout)\(step.stderr)")
    let manifest = try box.manifest("j")
    #expect(manifest["status"] as? String == "needs_intervention")
    let reason = manifest["statusReason"] as? String ?? ""
    #expect(reason.contains("exited with status 143 before its final result event"), "\(reason)")
    #expect(reason.contains("runs/0001-implement/agent.log"))
    #expect(try box.ledgerSum("j", "outputTokens") > 0, "the streamed usage is kept")
    #expect(try box.ledger("j").contains { $0["cost"] as? String == "estimated" })
  }

  @Test func outputWithNoResponseNeedsAPersonAndSaysWhy() throws {
    let box = try Sandbox()
    try box.fakeAgent("claude", "echo 'I changed nothing and wrote no JSON at all.'")
    try box.role("worker", #"{"provider": {"kind": "claude"}}"#)
    try box.createLive("j")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 2)
    let entry = try #require(try box.history("j").first)
    #expect(entry["action"] as? String == "NO_RESPONSE")
    let summary = entry["summary"] as? String ?? ""
    #expect(summary.contains("claude") && summary.contains("see runs/0001-implement/agent.log"), "\(summary)")
    #expect(box.agentLog("j").contains("I changed nothing"))
  }

  @Test func aResponseThatFailsTheSchemaIsAnInvalidResponseQuotingTheProblem() throws {
    let box = try Sandbox()
    let bad =
      #"{"type":"item.completed","item":{"id":"i","type":"agent_message","#
      + #""text":"{\"action\":\"DONE\",\"summary\":\"x\"}"}}"#
    let done = #"{"type":"turn.completed","usage":{"input_tokens":10,"output_tokens":2}}"#
    try box.fakeAgent("codex", "echo '\(bad)'\necho '\(done)'")
    try box.role("worker", #"{"provider": {"kind": "codex"}}"#)
    try box.createLive("j")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 2)
    let entry = try #require(try box.history("j").first)
    #expect(entry["action"] as? String == "INVALID_RESPONSE")
    let summary = entry["summary"] as? String ?? ""
    #expect(summary.contains("DONE") && summary.contains("agent.log"), "\(summary)")
  }

  @Test func aFatalFailureStopsAtOnceWithTheToolsMessage() throws {
    let box = try box(
      "codex", fixture: "codex/exec-401.jsonl", exit: 1, role: #", "retries": 3, "retryBaseSeconds": 0.01"#)
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 2)
    #expect(box.calls("codex") == 1, "authentication errors are not retried")
    let reason = try box.manifest("j")["statusReason"] as? String ?? ""
    #expect(reason.contains("401") && reason.contains("agent.log"), "\(reason)")
    #expect(try box.events("j").allSatisfy { $0["kind"] as? String != "agent.retry" })
  }

  @Test func aMissingExecutableIsAnErrorThatChangesNothing() throws {
    let box = try Sandbox()
    try box.role("worker", #"{"provider": {"kind": "cline"}}"#)
    try box.createLive("j")
    let before = Sandbox.snapshot(box.jobDirectory("j"))
    let step = try box.logist(
      ["--roles-dir", box.rolesDir.path, "job", "step", "j"], environment: ["PATH": box.bin.path + ":/usr/bin:/bin"])
    #expect(step.status == 1)
    #expect(step.stderr.contains("cline was not found on PATH") && step.stderr.contains("install it"), "\(step.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("j")) == before)
  }
}
