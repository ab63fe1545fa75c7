import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `provider.isolation` with real `bwrap`: the agent edits the workspace and nothing else of the job,
/// its `/tmp` is its own, nothing it starts outlives the run, and a missing `bwrap` stops the phase first.
@Suite(.serialized) struct IsolationTests {
  /// A sandbox whose worker runs `<root>/roles/agent.sh` (`body`) under `bwrap` with `isolation`.
  func box(_ body: String, isolation: String = #"{"kind": "bwrap"}"#, provider: String = "") throws -> Sandbox {
    let box = try Sandbox()
    try box.script("roles/agent.sh", body)
    try box.role(
      "worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"], "isolation": \#(isolation)\#(provider)}}"#
    )
    try box.createLive("j")
    return box
  }

  static let answer = #"{"action":"COMPLETED","summary":"done","evidenceFiles":["hello.py"]}"#

  /// Lines `- WHAT: ok` or `- WHAT: refused` for each attempt, in `attempts.txt` of the workspace.
  static let attempt = """
    attempt() { what=$1; shift; if "$@" 2>/dev/null; then r=ok; else r=refused; fi; echo "$what: $r" >> attempts.txt; }
    """

  @Test func theAgentEditsTheWorkspaceButCannotTouchTheJobFilesAndItsTmpIsPrivate() throws {
    let marker = "logist-isolation-\(UUID().uuidString)"
    let box = try box(
      """
      \(Self.attempt)
      attempt ledger sh -c 'echo "{\\"agent\\": \\"\(marker)\\"}" >> ../ledger.jsonl'
      attempt job.json sh -c 'echo "{\\"agent\\": \\"\(marker)\\"}" > ../job.json'
      attempt read-job.json cat ../job.json
      attempt events sh -c 'echo x >> ../events.jsonl'
      attempt etc sh -c ': > /etc/\(marker)'
      attempt tmp sh -c 'echo x > /tmp/\(marker) && test -f /tmp/\(marker)'
      attempt git-log sh -c 'git log --oneline | grep -q .'
      attempt git-commit sh -c 'git -c user.name=a -c user.email=a@b commit -q --allow-empty -m agent'
      echo 'print("edited in the sandbox")' > hello.py
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """)
    let job = box.jobDirectory("j")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    let attempts = try String(contentsOf: job.appendingPathComponent("workspace/attempts.txt"), encoding: .utf8)
    #expect(
      attempts
        == """
        ledger: refused
        job.json: refused
        read-job.json: refused
        events: refused
        etc: refused
        tmp: ok
        git-log: ok
        git-commit: refused

        """)
    for file in ["ledger.jsonl", "job.json", "events.jsonl"] {
      let text = try String(contentsOf: job.appendingPathComponent(file), encoding: .utf8)
      #expect(!text.contains(marker), "the agent changed \(file)")
    }
    #expect(!FileManager.default.fileExists(atPath: "/tmp/\(marker)"), "the agent's /tmp is not private")
    #expect(!FileManager.default.fileExists(atPath: "/etc/\(marker)"))
    #expect(try box.history("j").first?["action"] as? String == "COMPLETED")
    #expect(try box.runFile("j", "0001-implement", "response.json") == Data(Self.answer.utf8))
    let show = try GitWitness.git(["show", "HEAD:hello.py"], in: job.appendingPathComponent("workspace"))
    #expect(show == "print(\"edited in the sandbox\")\n", "the workspace edit is committed")
    let header = lines(box.agentLog("j")).first ?? ""
    #expect(header.contains("bwrap --die-with-parent --unshare-pid"), "\(header)")
    #expect(header.hasSuffix("/roles/agent.sh (in \(job.path)/workspace)"), "\(header)")
  }

  @Test func anAgentThatOnlyPrintsItsResponseIsAnsweredByThePrintedOneNotTheEmptyFile() throws {
    let box = try box("echo '\(Self.answer)'")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    #expect(try box.history("j").first?["action"] as? String == "COMPLETED")
    #expect(try box.runFile("j", "0001-implement", "response.json") == Data(Self.answer.utf8))

    let silent = try self.box("echo 'no response here'")
    #expect(try silent.live(["job", "step", "j"]).status == 2)
    #expect(try silent.history("j").first?["action"] as? String == "NO_RESPONSE")
    let file = silent.jobDirectory("j").appendingPathComponent("runs/0001-implement/response.json")
    #expect(!FileManager.default.fileExists(atPath: file.path), "the empty response file is left behind")
  }

  @Test func aSetsidHelperTheAgentStartsIsGoneWhenTheRunEnds() throws {
    let duration = "300.\(Int.random(in: 100_000...999_999))"
    let box = try box(
      """
      setsid sleep \(duration) &
      sleep 0.2
      kill -0 $! && echo "helper running" > helper.txt
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """)
    defer { for pid in helpers(duration) { kill(pid, SIGKILL) } }
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    let helper = box.jobDirectory("j").appendingPathComponent("workspace/helper.txt")
    #expect(try String(contentsOf: helper, encoding: .utf8) == "helper running\n")
    try waitFor("the setsid helper to be gone", timeout: 10) { helpers(duration).isEmpty }
  }

  @Test func aTimedOutSandboxedAgentEndsWithEverythingItStarted() throws {
    let duration = "300.\(Int.random(in: 100_000...999_999))"
    let box = try box(
      """
      trap '' TERM
      setsid sleep \(duration) &
      echo "helper started"
      while :; do sleep 0.1; done
      """, provider: #", "graceSeconds": 0.5"#)
    defer { for pid in helpers(duration) { kill(pid, SIGKILL) } }
    try Sandbox.editJSON(box.rolesDir.appendingPathComponent("worker.json")) { role in
      guard var object = role as? [String: Any] else { return }
      object["limits"] = ["phaseTimeoutSeconds": 1]
      role = object
    }
    #expect(try box.live(["job", "roles", "j", "--refresh"]).status == 0)
    let step = try box.live(["job", "step", "j"])
    #expect(try box.history("j").first?["action"] as? String == "TIMEOUT", "\(step.stderr)")
    #expect(box.agentLog("j").contains("helper started"))
    try waitFor("the setsid helper to be gone", timeout: 10) { helpers(duration).isEmpty }
  }

  @Test func withoutNetworkTheAgentSeesOnlyLoopbackAndWithItTheHostsInterfaces() throws {
    let listing = """
      tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort > net.txt
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """
    let offline = try box(listing, isolation: #"{"kind": "bwrap", "network": false}"#)
    #expect(try offline.live(["job", "step", "j"]).status == 0)
    let inside = offline.jobDirectory("j").appendingPathComponent("workspace/net.txt")
    #expect(try String(contentsOf: inside, encoding: .utf8) == "lo\n")

    let online = try box(listing, isolation: #"{"kind": "bwrap", "network": true}"#)
    #expect(try online.live(["job", "step", "j"]).status == 0)
    let host = try String(contentsOfFile: "/proc/net/dev", encoding: .utf8)
      .split(separator: "\n").dropFirst(2)
      .map { $0.split(separator: ":")[0].trimmingCharacters(in: .whitespaces) }.sorted()
    let seen = try String(
      contentsOf: online.jobDirectory("j").appendingPathComponent("workspace/net.txt"), encoding: .utf8)
    #expect(seen == host.map { $0 + "\n" }.joined())
  }

  @Test func writablePathsAreWritableAndTheRestOfHomeIsNot() throws {
    let box = try box(
      """
      echo state > "$HOME/.agent-state/notes"
      echo stray > "$HOME/stray" 2>/dev/null
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """, isolation: #"{"kind": "bwrap", "writable": ["~/.agent-state"]}"#)
    try FileManager.default.createDirectory(
      at: box.root.appendingPathComponent(".agent-state"), withIntermediateDirectories: true)
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    let notes = box.root.appendingPathComponent(".agent-state/notes")
    #expect(try String(contentsOf: notes, encoding: .utf8) == "state\n")
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("stray").path))
  }
}

extension IsolationTests {
  @Test func aMissingWritablePathStopsThePhaseBeforeItStarts() throws {
    let box = try box("exit 0", isolation: #"{"kind": "bwrap", "writable": ["~/.missing-state"]}"#)
    let before = Sandbox.snapshot(box.jobDirectory("j"))
    let step = try box.live(["job", "step", "j"])
    #expect(step.status != 0)
    #expect(
      step.stderr.contains(
        "role worker: provider.isolation.writable ~/.missing-state (\(box.root.path)/.missing-state) does not exist"),
      "\(step.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("j")) == before, "nothing on disk changes")
    let check = try box.live(["role", "check", "worker"])
    #expect(check.status == 1)
    #expect(check.stdout.contains("FAIL writable   role worker: provider.isolation.writable ~/.missing-state"))
  }

  @Test func withoutBwrapThePhaseDoesNotStartAndNothingChanges() throws {
    let box = try box("echo ran > ran.txt; exit 0")
    let before = Sandbox.snapshot(box.jobDirectory("j"))
    let noBwrap = ["PATH": box.bin.path]
    let step = try box.logist(["--roles-dir", box.rolesDir.path, "job", "step", "j"], environment: noBwrap)
    #expect(step.status != 0)
    #expect(lines(step.stderr).count == 1, "\(step.stderr)")
    #expect(step.stderr.contains("role worker: provider.isolation asks for bwrap, but bwrap is not on PATH"))
    #expect(step.stderr.contains("`apt-get install bubblewrap`"), "\(step.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("j")) == before, "nothing on disk changes")
    #expect(try box.manifest("j")["status"] as? String == "ready")

    let check = try box.logist(["--roles-dir", box.rolesDir.path, "role", "check", "worker"], environment: noBwrap)
    #expect(check.status == 1)
    #expect(check.stdout.contains("FAIL bwrap      role worker: provider.isolation asks for bwrap"), "\(check.stdout)")
  }

  @Test func roleCheckSaysBwrapWorksHereAndListsTheWritablePaths() throws {
    let box = try box("exit 0", isolation: #"{"kind": "bwrap", "network": false, "writable": ["~/.agent-state"]}"#)
    try FileManager.default.createDirectory(
      at: box.root.appendingPathComponent(".agent-state"), withIntermediateDirectories: true)
    let check = try box.live(["role", "check", "worker"])
    #expect(check.status == 0, "\(check.stdout)")
    let shown = lines(check.stdout)
    #expect(shown.count == 3, "\(check.stdout)")
    #expect(shown.first?.hasPrefix("ok   executable command: \(box.root.path)/roles/agent.sh") == true)
    #expect(
      shown.contains {
        $0.hasPrefix("ok   bwrap      bubblewrap ")
          && $0.hasSuffix("works here (own pid namespace, read-only root, private /tmp, no network)")
      }, "\(check.stdout)")
    #expect(shown.last == "ok   writable   \(box.root.path)/.agent-state")
  }

  @Test func isolationOnAReplayRoleIsRefusedWhenTheRolesAreRead() throws {
    let box = try Sandbox()
    try box.role("worker", #"{"provider": {"kind": "replay", "isolation": {"kind": "bwrap"}}}"#)
    let check = try box.live(["role", "check", "worker"])
    #expect(check.status != 0)
    #expect(
      check.stderr.contains("provider.isolation: only command, claude, codex and cline agents"), "\(check.stderr)")
  }

  @Test func jobChatRunsTheChatCommandInTheSameSandbox() throws {
    let box = try box("exit 0", provider: #", "chatCommand": ["sh"]"#)
    let print = try box.live(["job", "chat", "j", "--print"])
    #expect(print.status == 0, "\(print.stderr)")
    #expect(print.stdout.contains("command: /usr/bin/bwrap --die-with-parent --unshare-pid"), "\(print.stdout)")
    #expect(print.stdout.hasSuffix(" -- sh\n"), "\(print.stdout)")
    let job = box.jobDirectory("j")
    let manifest = try Data(contentsOf: job.appendingPathComponent("job.json"))
    let chat = try box.logist(
      ["--roles-dir", box.rolesDir.path, "job", "chat", "j"], environment: box.agentEnvironment(),
      stdin: "echo chatted > chat.txt\necho '{}' > ../job.json || echo refused > refused.txt\n")
    #expect(chat.status == 0, "\(chat.stderr)")
    #expect(try Data(contentsOf: job.appendingPathComponent("job.json")) == manifest)
    let workspace = job.appendingPathComponent("workspace")
    #expect(try String(contentsOf: workspace.appendingPathComponent("chat.txt"), encoding: .utf8) == "chatted\n")
    #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("refused.txt").path))
  }
}

/// Host pids of `sleep DURATION` processes.
private func helpers(_ duration: String) -> [Int32] {
  let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
  return entries.compactMap(Int32.init).filter { pid in
    let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
    let argv = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    return argv.count == 2 && argv[0].hasSuffix("sleep") && argv[1] == duration && isAlive(pid)
  }
}
