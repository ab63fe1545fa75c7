import Foundation
import LogistCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Cancel, re-attach and interrupts of render phases, against the rig's real dockerd and sshd: the
/// built `logist` runs in the background and is cancelled, killed or interrupted mid-render.
@Suite(.serialized) struct RenderControlTests {
  /// Prints a line, sleeps, then renders `out/frame.txt` as the demo does.
  static func slowRender(_ seconds: Int) -> [String] {
    [
      "sh", "-c",
      "echo started; sleep \(seconds); mkdir -p out && { echo \"frame 1 ($RENDER_QUALITY)\"; tr a-z A-Z < scene.txt; } "
        + "> out/frame.txt && echo rendered 1 frame",
    ]
  }

  @Test func cancelFromAnotherProcessStopsExactlyThatJobsContainerAndKeepsItsLog() throws {
    let endless: [String: Any] = ["command": ["sh", "-c", "echo started; sleep 120"], "stopTimeoutSeconds": 1]
    let first = try RenderBox(provider: endless)
    let other = try RenderBox(provider: endless)
    let firstRun = try first.startRun()
    let otherRun = try other.startRun()
    try first.waitForLog("0002-render", containing: "started")
    try other.waitForLog("0002-render", containing: "started")

    let began = Date()
    let cancel = try first.logist(["job", "cancel", first.id])
    #expect(cancel.status == 0, "\(cancel.stdout)\(cancel.stderr)")
    #expect(cancel.stdout == "job \(first.id): cancelled\n")
    #expect(Date().timeIntervalSince(began) < 30, "docker stop ended it, not the container's own end")
    firstRun.process.waitUntilExit()
    #expect(firstRun.process.terminationStatus == 4, "\(firstRun.result().stdout)")
    let manifest = try first.box.manifest(first.id)
    #expect(manifest["status"] as? String == "cancelled")
    let entry = try #require(try first.history().last)
    #expect(entry["action"] as? String == "INTERRUPTED")
    #expect((entry["summary"] as? String)?.contains("cancelled: requested by logist job cancel") == true)
    #expect(entry["container"] is String)
    #expect(try first.runText("0002-render", "render.log") == "started\n", "the log is recovered")
    #expect(try first.containersLeft().isEmpty)
    #expect(!FileManager.default.fileExists(atPath: first.box.jobDirectory(first.id).path + "/cancel.request"))
    let kinds = try first.box.events(first.id).compactMap { $0["kind"] as? String }
    #expect(kinds.suffix(3) == ["job.cancel_requested", "phase.ended", "job.cancelled"])

    #expect(try other.containersLeft().map(\.state) == ["running"], "the other job's render is untouched")
    #expect(try other.box.manifest(other.id)["status"] as? String == "running")
    #expect(try other.logist(["job", "cancel", other.id]).status == 0)
    otherRun.process.waitUntilExit()
    #expect(try other.containersLeft().isEmpty)
  }

  @Test func killedMidRenderThenRunReattachesWithExactlyOneContainerEverCreated() throws {
    var provider = RenderBox.ssh(try RemoteRig.shared())
    provider["command"] = Self.slowRender(4)
    let render = try RenderBox(provider: provider)
    let since = Date()
    let run = try render.startRun()
    try render.waitForLog("0002-render", containing: "started")
    kill(run.process.processIdentifier, SIGKILL)
    run.process.waitUntilExit()
    #expect(try render.containersLeft().map(\.state) == ["running"], "the container outlives logist")

    let again = try render.logist(["job", "run", render.id])
    #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    let history = try render.history()
    #expect(history.map { $0["action"] as? String } == ["COMPLETED", "INTERRUPTED", "COMPLETED", "APPROVED"])
    let container = try #require(history[1]["container"] as? String)
    #expect((history[1]["summary"] as? String)?.contains("re-attaches") == true)
    #expect(history[2]["container"] as? String == container, "re-attached to the same container")
    #expect(try render.runText("0003-render", "render.log") == "started\nrendered 1 frame\n")
    #expect(try render.runText("0003-render", "container.json").contains("\"reattachedFrom\" : \"0002-render\""))
    let workspace = render.box.jobDirectory(render.id).appendingPathComponent("workspace/out/frame.txt")
    #expect((try? String(contentsOf: workspace, encoding: .utf8))?.hasPrefix("frame 1 (draft)\n") == true)
    let cost = (history[2]["usage"] as? [String: Any])?["costUSD"] as? Double ?? 0
    #expect(cost >= 1.8 * 4 / 3600, "GPU time is the container's whole run (StartedAt to FinishedAt), \(cost)")
    #expect(try render.containersCreated(since: since) == 1)
    #expect(try render.containersLeft().isEmpty)
  }

  @Test func aLeftContainerSomeoneRemovedIsReplacedAndTheRunSaysSo() throws {
    let render = try RenderBox(provider: ["command": Self.slowRender(2)])
    let run = try render.startRun()
    try render.waitForLog("0002-render", containing: "started")
    kill(run.process.processIdentifier, SIGKILL)
    run.process.waitUntilExit()
    let left = try #require(try render.containersLeft().first)
    _ = try render.rig.localTransport().run(["docker", "rm", "-f", left.id], timeout: 60)

    let again = try render.logist(["job", "run", render.id])
    #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    let history = try render.history()
    #expect(history.map { $0["action"] as? String } == ["COMPLETED", "INTERRUPTED", "COMPLETED", "APPROVED"])
    #expect(history[1]["container"] as? String == left.id)
    let replacement = try #require(history[2]["container"] as? String)
    #expect(replacement != left.id, "a new container")
    let summary = history[2]["summary"] as? String ?? ""
    #expect(summary.contains("container \(left.id.prefix(12)) of run 0002-render was gone from local"), "\(summary)")
    #expect(
      try render.runText("0003-render", "container.json").contains("\"replacesLost\" : \"0002-render: \(left.id)\""))
    #expect(try render.runText("0003-render", "render.log") == "started\nrendered 1 frame\n")
    #expect(try render.containersLeft().isEmpty)
  }

  @Test func ctrlCLeavesTheContainerRunningAndRunCollectsIt() throws {
    let render = try RenderBox(provider: ["command": Self.slowRender(3)])
    let since = Date()
    let run = try render.startRun()
    try render.waitForLog("0002-render", containing: "started")
    kill(run.process.processIdentifier, SIGINT)
    run.process.waitUntilExit()
    #expect(run.process.terminationStatus == 130, "\(run.result().stdout)\(run.result().stderr)")
    let interrupted = try #require(try render.history().last)
    #expect(interrupted["action"] as? String == "INTERRUPTED")
    #expect((interrupted["summary"] as? String)?.contains("keeps running") == true, "\(interrupted)")
    #expect(try render.containersLeft().count == 1, "an interrupt does not stop the render")

    let again = try render.logist(["job", "run", render.id])
    #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    #expect(try render.history()[2]["container"] as? String == interrupted["container"] as? String)
    #expect(try render.containersCreated(since: since) == 1)
    #expect(try render.containersLeft().isEmpty)
  }

  @Test func cancelOfAJobWhoseLogistDiedStopsItsLeftContainerAndCollectsTheLog() throws {
    let render = try RenderBox(provider: ["command": ["sh", "-c", "echo started; sleep 120"], "stopTimeoutSeconds": 1])
    let run = try render.startRun()
    try render.waitForLog("0002-render", containing: "started")
    kill(run.process.processIdentifier, SIGKILL)
    run.process.waitUntilExit()
    try FileManager.default.removeItem(
      at: render.box.jobDirectory(render.id).appendingPathComponent("runs/0002-render/render.log"))

    let cancel = try render.logist(["job", "cancel", render.id])
    #expect(cancel.status == 0, "\(cancel.stdout)\(cancel.stderr)")
    #expect(try render.box.manifest(render.id)["status"] as? String == "cancelled")
    #expect(try render.runText("0002-render", "render.log") == "started\n", "the log is collected from the engine")
    #expect(try render.containersLeft().isEmpty)
  }

  @Test func cancelWithTheHostUnreachableRefusesUntilForcedThenSaysWhichContainerWasLeft() throws {
    let sshd = try DroppableSSHD(rig: try RemoteRig.shared())
    var provider = sshd.provider
    provider["command"] = ["sh", "-c", "echo started; sleep 120"]
    let render = try RenderBox(provider: provider)
    let run = try render.startRun()
    try render.waitForLog("0002-render", containing: "started")
    kill(run.process.processIdentifier, SIGKILL)
    run.process.waitUntilExit()
    sshd.drop()
    #expect(try render.logist(["job", "status", render.id]).stdout.contains("interrupted"), "the dead run is noticed")
    let directory = render.box.jobDirectory(render.id)
    let before = Sandbox.snapshot(directory)

    let refused = try render.logist(["job", "cancel", render.id])
    #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
    #expect(lines(refused.stderr).count == 1, "\(refused.stderr)")
    #expect(refused.stderr.contains("cannot stop its render container"), "\(refused.stderr)")
    #expect(refused.stderr.contains("`logist job cancel \(render.id) --force`"), "\(refused.stderr)")
    #expect(try render.box.manifest(render.id)["status"] as? String == "interrupted")
    #expect(Sandbox.snapshot(directory) == before, "a refused cancel changes nothing")

    let forced = try render.logist(["job", "cancel", render.id, "--force"])
    #expect(forced.status == 0, "\(forced.stdout)\(forced.stderr)")
    #expect(forced.stdout == "job \(render.id): cancelled\n")
    let container = try #require(try render.containersLeft().first)
    #expect(container.state == "running", "nothing could reach it")
    let short = String(container.id.prefix(12))
    #expect(forced.stderr.hasPrefix("warning: job \(render.id): render container \(short) on "), "\(forced.stderr)")
    #expect(forced.stderr.contains("remove it there with `docker rm -f \(short)`"), "\(forced.stderr)")
    let manifest = try render.box.manifest(render.id)
    #expect(manifest["status"] as? String == "cancelled")
    #expect(
      (manifest["statusReason"] as? String)?.contains("\(short) on ") == true, "\(manifest["statusReason"] ?? "")")
    let cancelled = try render.box.events(render.id).last
    #expect(cancelled?["kind"] as? String == "job.cancelled")
    #expect(((cancelled?["payload"] as? [String: Any])?["reason"] as? String)?.contains(short) == true)
    _ = try render.rig.localTransport().run(["docker", "rm", "-f", container.id], timeout: 60)
  }

  @Test func hostileArgumentReachesTheContainerAsPlainData() throws {
    let marker = NSTemporaryDirectory() + "logist-pwned-\(UUID().uuidString)"
    let hostile = "a b 'c\" ;touch \(marker); $(touch \(marker)) `touch \(marker)` \n| && \\ $HOME * end"
    var provider = RenderBox.ssh(try RemoteRig.shared())
    provider["command"] = ["sh", "-c", "mkdir -p out && printf '%s' \"$1\" > out/arg.txt && echo ok", "sh", hostile]
    provider["outputs"] = ["out/arg.txt"]
    let render = try RenderBox(provider: provider)
    let entry = try render.stepToRender()
    #expect(entry["action"] as? String == "COMPLETED", "\(entry["summary"] ?? "")")
    let workspace = render.box.jobDirectory(render.id).appendingPathComponent("workspace/out/arg.txt")
    #expect(try String(contentsOf: workspace, encoding: .utf8) == hostile)
    #expect(!FileManager.default.fileExists(atPath: marker), "no shell ever ran the argument")
  }

  @Test func roleCheckReportsOneLineEachAndFailsWithWhatToDo() throws {
    let local = try RenderBox()
    let ok = try local.logist(["role", "check", "scene-renderer"])
    #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
    #expect(
      lines(ok.stdout).map { String($0.prefix(16)) } == ["ok   ssh        ", "ok   docker     ", "ok   image      "])
    #expect(ok.stdout.contains("logist-busybox:1 is present"))

    let ssh = try RenderBox(provider: RenderBox.ssh(try RemoteRig.shared()))
    let reached = try ssh.logist(["role", "check", "scene-renderer", "--json"])
    #expect(reached.status == 0, "\(reached.stdout)\(reached.stderr)")
    #expect(reached.stdout.contains("reachable and authenticated"))

    let missing = try RenderBox(provider: ["image": "logist-missing:1", "gpus": "all"])
    let failed = try missing.logist(["role", "check", "scene-renderer"])
    #expect(failed.status == 1)
    #expect(failed.stdout.contains("FAIL image      logist-missing:1 is missing: docker pull or load it there"))
    #expect(lines(failed.stdout).last?.hasPrefix("FAIL gpus       no GPU visible on local") == true, "\(failed.stdout)")

    let closed = try ClosedPort()
    var unreachable = RenderBox.ssh(try RemoteRig.shared())
    unreachable["port"] = closed.port
    let down = try RenderBox(provider: unreachable)
    let refused = try down.logist(["role", "check", "scene-renderer"])
    #expect(refused.status == 1)
    #expect(lines(refused.stdout).count == 3)
    #expect(lines(refused.stdout).first?.contains("Connection refused") == true, "\(refused.stdout)")
    #expect(
      lines(refused.stdout).dropFirst().allSatisfy { $0.hasPrefix("--") && $0.hasSuffix("not checked: ssh failed") })
  }
}

/// A dropped ssh connection mid-render, against a second real sshd that is killed and restarted.
@Suite(.serialized) struct RenderConnectionTests {
  @Test func aRenderThatFinishedWhileTheConnectionWasDownIsCollectedNotRerun() throws {
    let sshd = try DroppableSSHD(rig: try RemoteRig.shared())
    var provider = sshd.provider
    provider["command"] = RenderControlTests.slowRender(2)
    let render = try RenderBox(provider: provider)
    let since = Date()
    let run = try render.startRun()
    try render.waitForLog("0002-render", containing: "started")
    sshd.drop()
    try waitFor("the render to finish on the host", timeout: 30) {
      (try? render.containersLeft().first?.state) == "exited"
    }
    usleep(2_000_000)
    #expect(try render.containersLeft().count == 1, "logist could not reach the host to collect it")
    #expect(run.process.isRunning, "logist keeps retrying, it does not give up")
    try sshd.start()
    run.process.waitUntilExit()
    let result = run.result()
    #expect(run.process.terminationStatus == 0, "\(result.stdout)\(result.stderr)")
    let history = try render.history()
    #expect(history.map { $0["action"] as? String } == ["COMPLETED", "COMPLETED", "APPROVED"])
    #expect(try render.runText("0002-render", "render.log") == "started\nrendered 1 frame\n")
    #expect(try render.containersCreated(since: since) == 1)
    #expect(try render.containersLeft().isEmpty)
  }
}
