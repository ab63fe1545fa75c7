import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `command` agents: any program, run in the workspace, that can never hang or outlive its job.
@Suite(.serialized) struct CommandAgentTests {
  /// A sandbox whose worker role runs `<root>/roles/agent.sh` (`body`) as a command agent.
  func box(_ body: String, provider: String = "", limits: String = "") throws -> Sandbox {
    let box = try Sandbox()
    try box.script("roles/agent.sh", body)
    let extra = limits.isEmpty ? "" : #", "limits": {\#(limits)}"#
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"]\#(provider)}\#(extra)}"#)
    try box.createLive("j")
    return box
  }

  static let answer = #"{"action":"COMPLETED","summary":"done","evidenceFiles":["hello.py"]}"#

  @Test func theAgentGetsThePromptOnStdinAndInAFileWithTheRunDescribedInItsEnvironment() throws {
    let box = try box(
      """
      cat > stdin.txt
      cmp -s stdin.txt "$LOGIST_PROMPT_FILE" && same=yes || same=no
      printf '%s|%s|%s|%s|%s\\n' "$LOGIST_JOB_ID" "$LOGIST_PHASE" "$LOGIST_ROLE" "$LOGIST_WORKSPACE" "$(pwd)" > env.txt
      echo "stdin same as prompt file: $same" >> env.txt
      echo "print this instead" '{"action":"STUCK","summary":"ignored: the file wins"}'
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """)
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    let workspace = box.jobDirectory("j").appendingPathComponent("workspace")
    let env = try String(contentsOf: workspace.appendingPathComponent("env.txt"), encoding: .utf8)
    #expect(env == "j|implement|worker|\(workspace.path)|\(workspace.path)\nstdin same as prompt file: yes\n")
    let entry = try #require(try box.history("j").first)
    #expect(entry["action"] as? String == "COMPLETED", "the response file wins over printed JSON")
    #expect(entry["provider"] as? String == "command")
    #expect(try box.runFile("j", "0001-implement", "response.json") == Data(Self.answer.utf8))
  }

  @Test func withoutAResponseFileTheLastValidResponsePrintedCounts() throws {
    let box = try box(
      #"echo 'thinking... {"not": "a response"}'; echo '{"action":"STUCK","summary":"first"}'; echo '\#(Self.answer)'; echo 'bye'"#
    )
    #expect(try box.live(["job", "step", "j"]).status == 0)
    #expect(try box.history("j").first?["summary"] as? String == "done")
  }

  @Test func aNonZeroExitNeedsAPersonQuotingWhatTheAgentSaid() throws {
    let box = try box("echo 'cannot find the tests directory' >&2; exit 3")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 2)
    let reason = try box.manifest("j")["statusReason"] as? String ?? ""
    #expect(reason.contains("exited with status 3") && reason.contains("cannot find the tests directory"), "\(reason)")
    #expect(reason.contains("runs/0001-implement/agent.log"))
  }

  @Test func anInvalidResponseFileIsAnInvalidResponsePointingAtTheLog() throws {
    let box = try box(#"printf '{"action": "COMPLETED"' > "$LOGIST_RESPONSE_FILE""#)
    #expect(try box.live(["job", "step", "j"]).status == 2)
    let entry = try #require(try box.history("j").first)
    #expect(entry["action"] as? String == "INVALID_RESPONSE")
    let summary = entry["summary"] as? String ?? ""
    #expect(summary.contains("$LOGIST_RESPONSE_FILE") && summary.contains("agent.log"), "\(summary)")
  }

  @Test func aHangingAgentAndItsBackgroundHelperAreGoneWithinTimeoutPlusGrace() throws {
    let box = try box(
      """
      trap '' TERM
      sleep 1000 &
      echo $! > "$LOGIST_WORKSPACE/../helper.pid"
      echo "helper started"
      while :; do sleep 1; done
      """, provider: #", "graceSeconds": 0.5"#, limits: #""phaseTimeoutSeconds": 1"#)
    let start = Date()
    let step = try box.live(["job", "step", "j"])
    let elapsed = Date().timeIntervalSince(start)
    #expect(elapsed < 1 + 0.5 + 2, "took \(elapsed) s")
    let entry = try #require(try box.history("j").first)
    #expect(entry["action"] as? String == "TIMEOUT", "\(step.stderr)")
    let pidText = try String(contentsOf: box.jobDirectory("j").appendingPathComponent("helper.pid"), encoding: .utf8)
    let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
    try waitFor("the helper to be gone", timeout: 5) { !isAlive(pid) }
    #expect(box.agentLog("j").contains("SIGKILL after the grace period"))
  }

  @Test func twentyMegabytesOnStdoutAndStderrComplete() throws {
    let box = try box(
      """
      yes 'a line of agent output that goes on for a while' | head -c 20000000
      yes 'a line of agent diagnostics on standard error' | head -c 20000000 >&2
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """)
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    #expect(try box.history("j").first?["action"] as? String == "COMPLETED")
    let log = box.jobDirectory("j").appendingPathComponent("runs/0001-implement/agent.log")
    let size = try FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int ?? 0
    #expect(size > 40_000_000)
  }

  @Test func aSecretTheAgentEchoesLeavesNoTrace() throws {
    let secret = "sk-live-0123456789abcdef"
    let box = try box(
      """
      echo "my key is $SERVICE_API_KEY"
      echo "token: $SERVICE_API_KEY" >&2
      printf '{"action":"COMPLETED","summary":"used %s to deploy"}' "$SERVICE_API_KEY" > "$LOGIST_RESPONSE_FILE"
      """)
    let step = try box.live(["job", "step", "j"], ["SERVICE_API_KEY": secret])
    #expect(step.status == 0, "\(step.stderr)")
    #expect(!step.stdout.contains(secret) && !step.stderr.contains(secret))
    for file in [
      "job.json", "events.jsonl", "ledger.jsonl", "runs/0001-implement/agent.log",
      "runs/0001-implement/response.json",
    ] {
      let text = try String(contentsOf: box.jobDirectory("j").appendingPathComponent(file), encoding: .utf8)
      #expect(!text.contains(secret), "\(file) holds the secret")
    }
    #expect(box.agentLog("j").contains("my key is [redacted]"))
    #expect(try box.history("j").first?["summary"] as? String == "used [redacted] to deploy")
  }

  @Test func theRoleDeniesEnvironmentVariablesByNameAndGlob() throws {
    let box = try box(
      """
      printf '%s|%s|%s' "${AWS_REGION-unset}" "${DEPLOY_TOKEN-unset}" "${KEPT-unset}" > "$LOGIST_WORKSPACE/../env.txt"
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """, provider: #", "denyEnv": ["AWS_*", "DEPLOY_TOKEN"]"#)
    let step = try box.live(
      ["job", "step", "j"], ["AWS_REGION": "eu-west-1", "DEPLOY_TOKEN": "abcdefgh", "KEPT": "yes"])
    #expect(step.status == 0, "\(step.stderr)")
    let env = try String(contentsOf: box.jobDirectory("j").appendingPathComponent("env.txt"), encoding: .utf8)
    #expect(env == "unset|unset|yes")
  }
}

extension CommandAgentTests {
  @Test func aTerminalShowsOneLiveStatusLineAndAPipeOnlyStartAndEndLines() throws {
    let body = "echo 'reading hello.py'; sleep 1.2; printf '%s' '\(Self.answer)' > \"$LOGIST_RESPONSE_FILE\""
    let box = try box(body)
    let piped = try box.live(["job", "step", "j"])
    #expect(piped.status == 0)
    #expect(!piped.stderr.contains("\u{1B}[K"), "no status line without a terminal")
    #expect(lines(piped.stderr).count == 2, "\(piped.stderr)")

    try box.createLive("t")
    let command = [
      Sandbox.binary.path, "--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path, "job", "step", "t",
    ].map { "'\($0)'" }.joined(separator: " ")
    let tty = try box.run(
      ["-qfec", command, "/dev/null"], environment: box.agentEnvironment(),
      executable: URL(fileURLWithPath: "/usr/bin/script"))
    #expect(tty.status == 0, "\(tty.stdout)")
    #expect(tty.stdout.contains("\r\u{1B}[Kimplement · 0:0"), "\(tty.stdout.debugDescription)")
    #expect(tty.stdout.contains("reading hello.py"), "the last activity is shown")
    #expect(tty.stdout.contains("run 0001-implement: COMPLETED"))
  }
}

/// Whether process `pid` exists and is not a zombie.
func isAlive(_ pid: Int32) -> Bool {
  guard kill(pid, 0) == 0 else { return false }
  let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
  guard let close = stat.lastIndex(of: ")") else { return false }
  return !stat[close...].hasPrefix(") Z")
}
