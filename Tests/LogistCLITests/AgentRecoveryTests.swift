import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C, retries of transient failures, fallbacks, and `job chat`, through fake agent CLIs.
@Suite(.serialized) struct AgentRecoveryTests {
  static let success = Sandbox.agentFixture("claude/stream-success.jsonl")
  static let apiError = Sandbox.agentFixture("claude/result-api-error.jsonl")

  @Test func ctrlCStopsTheAgentKeepsItsUsageExits130AndJobRunResumes() throws {
    let box = try Sandbox()
    let half = Sandbox.agentFixture("claude/stream-cut.jsonl")
    try box.fakeAgent(
      "claude",
      """
      if [ $N = 1 ]; then head -n 2 '\(half)'; sleep 1000 & echo $! > \(box.root.path)/helper.pid; wait; fi
      cat '\(Self.success)'
      """)
    try box.role("worker", #"{"provider": {"kind": "claude", "graceSeconds": 1}}"#)
    try box.role("supervisor", #"{"provider": {"kind": "replay"}}"#)
    try box.createLive("j")
    let running = try box.start(
      ["--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path, "job", "run", "j"],
      environment: box.agentEnvironment())
    try waitFor("the agent's first usage in the ledger") { (try? box.ledger("j").isEmpty) == false }
    kill(running.process.processIdentifier, SIGINT)
    running.process.waitUntilExit()
    let result = running.result()
    #expect(result.status == 130, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains("interrupted by SIGINT"))
    let manifest = try box.manifest("j")
    #expect(manifest["status"] as? String == "interrupted")
    #expect(try box.history("j").first?["action"] as? String == "INTERRUPTED")
    #expect(try box.ledgerSum("j", "outputTokens") == 3, "the usage streamed before Ctrl-C is kept")
    let pidText = try String(contentsOf: box.root.appendingPathComponent("helper.pid"), encoding: .utf8)
    let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
    try waitFor("the agent's helper to be gone", timeout: 5) { !isAlive(pid) }

    let resumed = try box.live(["job", "run", "j"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try box.manifest("j")["status"] as? String == "succeeded")
    #expect(box.calls("claude") == 2)
  }

  @Test func aTransientFailureIsRetriedWithoutUsingAnAttempt() throws {
    let box = try Sandbox()
    try box.fakeAgent(
      "claude", "if [ $N = 1 ]; then cat '\(Self.apiError)'; exit 1; fi\ncat '\(Self.success)'")
    try box.role("worker", #"{"provider": {"kind": "claude", "retries": 2, "retryBaseSeconds": 0.05}}"#)
    try box.createLive("j")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    #expect(box.calls("claude") == 2)
    let history = try box.history("j")
    #expect(history.count == 1)
    #expect(history.first?["attempt"] as? Int == 1)
    #expect(history.first?["action"] as? String == "COMPLETED")
    let retries = try box.events("j").filter { $0["kind"] as? String == "agent.retry" }
    #expect(retries.count == 1)
    let payload = retries.first?["payload"] as? [String: String] ?? [:]
    #expect(payload["retry"] == "1" && payload["of"] == "2" && (payload["failure"] ?? "").contains("529"), "\(payload)")
    #expect(box.agentLog("j").contains("transient failure"), "the retry is in the run's archive")
    #expect(abs(try box.ledgerSum("j", "costUSD") - 0.0189534) < 1e-9, "the failed try reported $0")
  }

  @Test func afterItsRetriesTheFallbackAnswersAndTheHistorySaysWhich() throws {
    let box = try Sandbox()
    try box.fakeAgent("claude", "cat '\(Self.apiError)'; exit 1")
    try box.fakeAgent("codex", "cat '\(Sandbox.agentFixture("codex/exec-reconnect-then-success.jsonl"))'")
    try box.role(
      "worker",
      #"{"provider": {"kind": "claude", "retries": 1, "retryBaseSeconds": 0.01, "fallback": [{"model": "claude-haiku-4-5"}, {"kind": "codex", "model": "gpt-5"}]}}"#
    )
    try box.createLive("j")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    #expect(box.calls("claude") == 4, "two tries of the primary, two of the fallback model")
    #expect(box.call("claude", 3, "args").contains("--model\nclaude-haiku-4-5\n"))
    let entry = try #require(try box.history("j").first)
    #expect(entry["provider"] as? String == "codex/gpt-5")
    #expect(entry["action"] as? String == "COMPLETED")
    let fallbacks = try box.events("j").filter { $0["kind"] as? String == "agent.fallback" }
    #expect(
      fallbacks.compactMap { ($0["payload"] as? [String: String])?["provider"] } == [
        "claude/claude-haiku-4-5", "codex/gpt-5",
      ])
  }

  @Test func retriesUsedUpNeedAPerson() throws {
    let box = try Sandbox()
    try box.fakeAgent("claude", "cat '\(Self.apiError)'; exit 1")
    try box.role("worker", #"{"provider": {"kind": "claude", "retries": 1, "retryBaseSeconds": 0.01}}"#)
    try box.createLive("j")
    #expect(try box.live(["job", "step", "j"]).status == 2)
    #expect(box.calls("claude") == 2)
    let reason = try box.manifest("j")["statusReason"] as? String ?? ""
    #expect(reason.contains("kept failing transiently") && reason.contains("agent.log"), "\(reason)")
  }

  @Test func chatResumesTheClaudeSessionInTheWorkspace() throws {
    let box = try Sandbox()
    // The run is cut off (needs a person) after the stream named its session.
    let cut = Sandbox.agentFixture("claude/stream-cut.jsonl")
    try box.fakeAgent("claude", "[ \"$1\" = -p ] && { cat '\(cut)'; exit 1; }; exit 0")
    try box.role("worker", #"{"provider": {"kind": "claude"}, "model": "claude-sonnet-4-5"}"#)
    try box.createLive("j")
    #expect(try box.live(["job", "step", "j"]).status == 2)
    let printed = try box.live(["job", "chat", "j", "--print"])
    #expect(printed.stdout.contains("session: 7b70d796-37ea-4eb3-bf36-943bf898a9ce"), "\(printed.stdout)")
    #expect(box.calls("claude") == 1, "--print runs nothing")
    let chat = try box.live(["job", "chat", "j"])
    #expect(chat.status == 0, "\(chat.stderr)")
    #expect(chat.stderr.contains("resuming session 7b70d796-37ea-4eb3-bf36-943bf898a9ce"), "\(chat.stderr)")
    #expect(box.calls("claude") == 2)
    #expect(
      box.call("claude", 2, "args") == "--model\nclaude-sonnet-4-5\n--resume\n7b70d796-37ea-4eb3-bf36-943bf898a9ce\n")
    #expect(box.call("claude", 2, "pwd").hasSuffix("/jobs/j/workspace\n"))
  }

  @Test func chatWithACommandRoleRunsItsChatCommandOrSaysWhatIsMissing() throws {
    let box = try Sandbox()
    try box.script("roles/agent.sh", "exit 0")
    try box.script("roles/chat.sh", "echo \"chatting in $(pwd) for $LOGIST_JOB_ID/$LOGIST_PHASE\"")
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"]}}"#)
    try box.createLive("j")
    let missing = try box.live(["job", "chat", "j"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("has no provider.chatCommand"), "\(missing.stderr)")
    try box.role(
      "worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"], "chatCommand": ["./chat.sh"]}}"#)
    #expect(try box.live(["job", "chat", "j"]).status == 1, "the job keeps the roles frozen at its creation")
    let refresh = try box.live(["job", "roles", "j", "--refresh"])
    #expect(refresh.stdout.contains("worker: provider.chatCommand (unset) -> [\"./chat.sh\"]"), "\(refresh.stdout)")
    let chat = try box.live(["job", "chat", "j"])
    #expect(chat.status == 0, "\(chat.stderr)")
    #expect(chat.stdout == "chatting in \(box.jobDirectory("j").path)/workspace for j/implement\n")
  }
}
