import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `job logs`: a run's log, its tail, another run's, and `-f` following a `job run` from before it
/// starts until it ends.
@Suite(.serialized) struct JobLogsTests {
  /// Job `j` whose worker and reviewer are slow command agents printing numbered lines.
  func box() throws -> Sandbox {
    let box = try Sandbox()
    for (role, name, action, count) in [("worker", "w", "COMPLETED", 3), ("supervisor", "s", "APPROVED", 2)] {
      try box.script(
        "roles/\(name).sh",
        """
        cat > /dev/null
        for i in $(seq \(count)); do echo "\(role) line $i"; sleep 0.2; done
        echo '{"action": "\(action)", "summary": "ok"}' > "$LOGIST_RESPONSE_FILE"
        """)
      try box.role(role, #"{"provider": {"kind": "command", "command": ["./\#(name).sh"]}}"#)
    }
    try box.createLive("j")
    return box
  }

  @Test func followWaitsForTheRunFollowsEachRunAndEndsWithTheJob() throws {
    let box = try box()
    let follower = try box.start(["--jobs-dir", box.jobs.path, "job", "logs", "j", "-f"])
    usleep(300_000)
    #expect(follower.process.isRunning, "it waits for a job nobody runs yet")
    let run = try box.live(["job", "run", "j"])
    #expect(run.status == 0, "\(run.stderr)")
    try waitFor("the follower to end with the job", timeout: 10) { !follower.process.isRunning }
    let out = lines(follower.result().stdout).filter { !$0.hasPrefix("=== logist:") }
    #expect(
      out == [
        "worker line 1", "worker line 2", "worker line 3", "=== run 0002-review", "supervisor line 1",
        "supervisor line 2",
      ],
      "\(follower.result().stdout)")
  }

  @Test func tailAndRunPickLinesAndRuns() throws {
    let box = try box()
    #expect(try box.live(["job", "run", "j"]).status == 0)
    let tail = try box.logist(["job", "logs", "j", "--tail", "2"])
    #expect(lines(tail.stdout).first == "supervisor line 2", "\(tail.stdout)")
    #expect(lines(tail.stdout).count == 2)
    let first = try box.logist(["job", "logs", "j", "--run", "1"])
    #expect(first.stdout.contains("worker line 3") && !first.stdout.contains("supervisor"), "\(first.stdout)")
    let missing = try box.logist(["job", "logs", "j", "--run", "9"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("has no run 9 (runs: 0001-implement, 0002-review)"), "\(missing.stderr)")
  }

  @Test func theStatusOfARunningJobNamesLogsAndCancel() throws {
    let box = try box()
    let running = try box.start(
      ["--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path, "job", "run", "j"],
      environment: box.agentEnvironment())
    defer { running.process.waitUntilExit() }
    try waitFor("the run") { (try? box.manifest("j")["status"] as? String) == "running" }
    let status = try box.logist(["job", "status", "j"])
    #expect(status.stdout.contains("next:       logist --jobs-dir"), "\(status.stdout)")
    #expect(status.stdout.contains("job logs j -f") && status.stdout.contains("job cancel j"), "\(status.stdout)")
  }
}
