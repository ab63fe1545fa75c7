import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Nothing a run starts survives the run, whatever ends it: a normal end, `kill -9` of `logist`,
/// `job cancel`, Ctrl-C. Real agents (sh scripts), real `setsid` helpers, the real process table.
@Suite(.serialized) struct ContainmentTests {
  /// A sandbox whose worker runs `<root>/roles/agent.sh` (`body`) as a command agent; job `j`.
  func box(_ body: (String) -> String) throws -> Sandbox {
    let box = try Sandbox()
    try box.script("roles/agent.sh", "cat > /dev/null\n" + body(box.root.path))
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"], "graceSeconds": 1}}"#)
    try box.createLive("j")
    return box
  }

  static let answer = #"{"action":"COMPLETED","summary":"done"}"#

  /// The pid a script wrote to `<root>/<name>.pid`.
  func pid(_ box: Sandbox, _ name: String) throws -> Int32 {
    let text = try String(contentsOf: box.root.appendingPathComponent("\(name).pid"), encoding: .utf8)
    return try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(name).pid: \(text)")
  }

  func workspaceFile(_ box: Sandbox, _ name: String) -> String {
    let url = box.jobDirectory("j").appendingPathComponent("workspace/\(name)")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }

  @Test func aSetsidHelperOfARunThatEndedNormallyIsStoppedBeforeItsCommit() throws {
    let box = try box { root in
      """
      setsid sh -c 'echo $$ > \(root)/helper.pid; sleep 1; echo late >> late.txt' &
      while [ ! -s \(root)/helper.pid ]; do sleep 0.05; done
      echo work > work.txt
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """
    }
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    let helper = try pid(box, "helper")
    #expect(!isAlive(helper), "the setsid helper outlived its run")
    usleep(1_500_000)
    #expect(workspaceFile(box, "late.txt").isEmpty, "the helper edited the workspace after the run")
    #expect(box.agentLog("j").contains("stopped what the agent left running: "), "\(box.agentLog("j"))")
    #expect(box.agentLog("j").contains("\(helper) (sh -c"), "\(box.agentLog("j"))")
    let status = try GitWitness.git(
      ["status", "--porcelain"], in: box.jobDirectory("j").appendingPathComponent("workspace"))
    #expect(status.isEmpty, "the workspace changed after the run's commit: \(status)")
  }

  @Test func aHelperThatScrubsItsEnvironmentAndLeavesTheGroupIsStoppedWhileLogistLives() throws {
    let box = try box { root in
      """
      setsid env -i sh -c 'echo $$ > \(root)/helper.pid; exec sleep 300' &
      while [ ! -s \(root)/helper.pid ]; do sleep 0.05; done
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """
    }
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    let helper = try pid(box, "helper")
    #expect(!isAlive(helper), "an orphan reparented to logist (its subreaper) outlived the run")
    #expect(box.agentLog("j").contains("\(helper) ("), "\(box.agentLog("j"))")
  }

  /// Run 1 writes progress lines from the agent, a background child and a `setsid` helper, forever;
  /// run 2 records whether any of them is still alive when it starts, then writes its own lines.
  static func progressAgent(_ root: String) -> String {
    """
    if [ "$LOGIST_RUN" = "0001-implement" ]; then
      echo $$ > \(root)/agent.pid
      printf '%s' "$LOGIST_RUN_TOKEN" > \(root)/token
      setsid sh -c 'echo $$ > \(root)/helper.pid; while :; do echo "0001 helper" >> progress.txt; sleep 0.05; done' &
      (while :; do echo "0001 child" >> progress.txt; sleep 0.05; done) &
      echo $! > \(root)/child.pid
      while :; do echo "0001 agent" >> progress.txt; sleep 0.05; done
    fi
    alive=""
    for name in agent helper child; do
      pid=$(cat \(root)/$name.pid)
      state=$(sed 's/.*) //' /proc/$pid/stat 2>/dev/null | cut -d' ' -f1)
      [ -n "$state" ] && [ "$state" != Z ] && alive="$alive $name"
    done
    echo "alive at start:$alive" > \(root)/run2.txt
    for i in 1 2 3; do echo "0002 agent" >> progress.txt; sleep 0.1; done
    printf '%s' '\(answer)' > "$LOGIST_RESPONSE_FILE"
    """
  }

  @Test func kill9OfLogistThenResumeStopsTheDeadRunsProcessesBeforeTheNextRunStarts() throws {
    let box = try box(Self.progressAgent)
    let running = try box.start(
      ["--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path, "job", "run", "j"],
      environment: box.agentEnvironment())
    try waitFor("all three writers of run 1") {
      let text = workspaceFile(box, "progress.txt")
      return text.contains("0001 helper") && text.contains("0001 child") && text.contains("0001 agent")
    }
    kill(running.process.processIdentifier, SIGKILL)
    running.process.waitUntilExit()
    let agent = try pid(box, "agent")
    let helper = try pid(box, "helper")
    let child = try pid(box, "child")
    try waitFor("the agent to die with its runner (PR_SET_PDEATHSIG)", timeout: 5) { !isAlive(agent) }
    #expect(isAlive(helper) && isAlive(child), "only the next command stops the others")

    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stdout)\(step.stderr)")
    let run2 = try String(contentsOf: box.root.appendingPathComponent("run2.txt"), encoding: .utf8)
    #expect(run2 == "alive at start:\n", "a process of the dead run was alive when run 2 started: \(run2)")
    #expect(!isAlive(helper) && !isAlive(child))

    let progress = lines(workspaceFile(box, "progress.txt"))
    let first = try #require(progress.firstIndex(of: "0002 agent"))
    #expect(!progress[first...].contains { $0.hasPrefix("0001") }, "a line of the dead run after run 2's first")

    let history = try box.history("j")
    #expect(history.map { $0["action"] as? String } == ["INTERRUPTED", "COMPLETED"])
    let summary = history.first?["summary"] as? String ?? ""
    #expect(summary.contains("stopped what it left running: "), "\(summary)")
    #expect(summary.contains("\(helper) (sh -c") && summary.contains("\(child) "), "\(summary)")
    let stopped = try box.events("j").filter { $0["kind"] as? String == "run.processes_stopped" }
    #expect(stopped.count == 1)
    let pids = (stopped.first?["payload"] as? [String: Any])?["pids"] as? String ?? ""
    #expect(pids.split(separator: " ").contains(Substring(String(helper))), "\(pids)")

    let workspace = box.jobDirectory("j").appendingPathComponent("workspace")
    let commit = try #require(history.last?["commit"] as? String)
    let added = try GitWitness.git(["show", "--format=", commit, "--", "progress.txt"], in: workspace)
    let lines = added.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
    #expect(!lines.isEmpty && lines.allSatisfy { $0 == "+0002 agent" }, "run 2's commit holds: \(lines)")
  }

  @Test func aStrayCarryingTheJobsTokenIsStoppedBeforeANewRunStarts() throws {
    let box = try box { root in
      """
      printf '%s' "$LOGIST_RUN_TOKEN" > \(root)/token
      printf '%s' '\(Self.answer)' > "$LOGIST_RESPONSE_FILE"
      """
    }
    try box.role("supervisor", #"{"provider": {"kind": "replay", "graceSeconds": 1}}"#)
    #expect(try box.live(["job", "step", "j"]).status == 0)
    let token = try String(contentsOf: box.root.appendingPathComponent("token"), encoding: .utf8)
    #expect(token.hasSuffix(":0001-implement"), "\(token)")
    // A process that escaped a finished run (here started by hand with the job's token).
    let stray = Process()
    stray.executableURL = URL(fileURLWithPath: "/bin/sleep")
    stray.arguments = ["300"]
    stray.environment = ["LOGIST_RUN_TOKEN": token, "PATH": "/usr/bin:/bin"]
    try stray.run()
    defer { if stray.isRunning { stray.terminate() } }
    let run = try box.live(["job", "step", "j"])
    expectNoCrash(run)
    try waitFor("the stray to be stopped", timeout: 5) { !stray.isRunning }
    let stopped = try box.events("j").filter { $0["kind"] as? String == "run.processes_stopped" }
    let payload = stopped.first?["payload"] as? [String: Any] ?? [:]
    #expect(payload["when"] as? String == "run start", "\(stopped)")
    #expect((payload["processes"] as? String ?? "").contains("sleep 300"), "\(payload)")
  }

  /// `job run` in the background of an agent that started a `setsid` helper and never ends.
  func runningWithASetsidHelper() throws -> (Sandbox, Sandbox.Running) {
    let box = try box { root in
      """
      setsid sh -c 'echo $$ > \(root)/helper.pid; exec sleep 300' &
      echo $$ > \(root)/agent.pid
      while :; do sleep 0.1; done
      """
    }
    let running = try box.start(
      ["--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path, "job", "run", "j"],
      environment: box.agentEnvironment())
    try waitFor("the helper") {
      FileManager.default.fileExists(atPath: box.root.appendingPathComponent("helper.pid").path)
    }
    usleep(100_000)
    return (box, running)
  }

  @Test func cancelFromAnotherTerminalStopsTheAgentAndItsSetsidHelper() throws {
    let (box, running) = try runningWithASetsidHelper()
    let cancel = try box.live(["job", "cancel", "j"])
    #expect(cancel.status == 0, "\(cancel.stderr)")
    running.process.waitUntilExit()
    #expect(try box.manifest("j")["status"] as? String == "cancelled")
    #expect(!isAlive(try pid(box, "agent")))
    #expect(!isAlive(try pid(box, "helper")), "the setsid helper outlived the cancelled run")
  }

  @Test func ctrlCStopsTheAgentAndItsSetsidHelper() throws {
    let (box, running) = try runningWithASetsidHelper()
    kill(running.process.processIdentifier, SIGINT)
    running.process.waitUntilExit()
    #expect(running.process.terminationStatus == 130)
    #expect(try box.manifest("j")["status"] as? String == "interrupted")
    #expect(!isAlive(try pid(box, "agent")))
    #expect(!isAlive(try pid(box, "helper")), "the setsid helper outlived the interrupted run")
  }
}
