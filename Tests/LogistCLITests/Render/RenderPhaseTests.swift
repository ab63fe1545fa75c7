import Foundation
import LogistCore
import Testing

/// Render phases end to end: the built `logist` runs `Jobs/render-demo` against the rig's real dockerd,
/// locally and through its real sshd.
@Suite(.serialized) struct RenderPhaseTests {
  @Test func localRenderRoundTripsInputAndOutputWithMatchingHashesAndRemovesTheContainer() throws {
    let render = try RenderBox()
    let run = try render.logist(["job", "run", render.id])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("succeeded after 3 runs"))
    try expectRoundTrip(render)
  }

  @Test func sshRenderRoundTripsInputAndOutputWithMatchingHashes() throws {
    let render = try RenderBox(provider: RenderBox.ssh(try RemoteRig.shared()))
    let run = try render.logist(["job", "run", render.id])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    try expectRoundTrip(render)
    #expect(try render.runText("0002-render", "container.json").contains("ssh \(render.rig.destination)"))
  }

  private func expectRoundTrip(_ render: RenderBox) throws {
    let entry = try render.history()[1]
    #expect(entry["action"] as? String == "COMPLETED")
    #expect((entry["summary"] as? String)?.contains("outputs: out/frame.txt") == true)
    let container = try #require(entry["container"] as? String)
    #expect(try render.runText("0002-render", "container.json").contains(container))
    let indexed = try render.box.sqlite(
      "SELECT container FROM phase_runs WHERE job = '\(render.id)' AND phase = 'render'")
    #expect(indexed == container, "the index knows the container")
    #expect(try render.runText("0002-render", "render.log") == "rendered 1 frame\n")
    let outputs = try JSONSerialization.jsonObject(with: render.box.runFile(render.id, "0002-render", "outputs.json"))
    let record = try #require((outputs as? [[String: Any]])?.first)
    #expect(record["path"] as? String == "out/frame.txt")
    let commit = try #require(entry["commit"] as? String)
    let workspace = render.box.jobDirectory(render.id).appendingPathComponent("workspace")
    let frame = try GitWitness.git(["show", "\(commit):out/frame.txt"], in: workspace)
    #expect(frame == "frame 1 (draft)\nCAMERA 0 1 -5\nLIGHT LEFT\nTEAPOT ON CHECKERBOARD\n")
    #expect(record["sha256"] as? String == SHA256.hex(Data(frame.utf8)))
    let gpuCost = try render.box.ledger(render.id).filter { $0["runName"] as? String == "0002-render" }
      .reduce(0.0) { $0 + (($1["costUSD"] as? NSNumber)?.doubleValue ?? 0) }
    #expect(gpuCost > 0, "costPerHourUSD reaches the ledger")
    #expect(try render.containersLeft().isEmpty)
  }

  @Test func nonZeroExitIsAFailedAttemptNamingTheExitCodeWithItsLogKept() throws {
    let render = try RenderBox(provider: ["command": ["sh", "-c", "echo boom >&2; exit 3"]])
    let entry = try render.stepToRender()
    #expect(entry["action"] as? String == "RETRY")
    #expect((entry["summary"] as? String)?.hasSuffix(": exit 3") == true, "\(entry["summary"] ?? "")")
    #expect(try render.runText("0002-render", "render.log") == "boom\n")
    #expect(entry["container"] is String)
    #expect(try render.box.manifest(render.id)["attempt"] as? Int == 2, "the failure counts against maxAttempts")
    #expect(try render.containersLeft().isEmpty)
  }

  @Test func commandNotFoundIsReportedAs127() throws {
    let render = try RenderBox(provider: ["command": ["no-such-renderer", "--fast"]])
    let entry = try render.stepToRender()
    #expect(entry["action"] as? String == "RETRY")
    let summary = entry["summary"] as? String ?? ""
    #expect(summary.contains("command not found (exit 127)"), "\(summary)")
    #expect(summary.contains("no-such-renderer"))
    #expect(try render.containersLeft().isEmpty)
  }

  @Test func missingImageIsReportedWithWhatToDoAndCreatesNothing() throws {
    let render = try RenderBox(provider: ["image": "logist-missing:1"])
    let entry = try render.stepToRender()
    #expect(entry["action"] as? String == "RETRY")
    #expect(entry["summary"] as? String == "image missing: logist-missing:1 is not on the host; docker pull it there")
    #expect(!render.runHas("0002-render", "container.json"))
    #expect(entry["container"] == nil)
  }

  @Test func phaseTimeoutStopsTheContainerCollectsItsLogAndLeavesNone() throws {
    let render = try RenderBox(
      provider: ["command": ["sh", "-c", "echo started; sleep 60"], "stopTimeoutSeconds": 1],
      limits: ["phaseTimeoutSeconds": 2])
    let began = Date()
    let entry = try render.stepToRender()
    #expect(Date().timeIntervalSince(began) < 20, "docker stop ended the render, not its own end")
    #expect(entry["action"] as? String == "TIMEOUT")
    #expect(entry["container"] is String)
    #expect(try render.runText("0002-render", "render.log") == "started\n")
    #expect(try render.containersLeft().isEmpty)
  }

  @Test func sshToAClosedPortIsAClearErrorAndCreatesNoContainer() throws {
    let closed = try ClosedPort()
    var provider = RenderBox.ssh(try RemoteRig.shared())
    provider["port"] = closed.port
    let render = try RenderBox(provider: provider)
    let entry = try render.stepToRender()
    #expect(entry["action"] as? String == "NO_RESPONSE")
    let summary = entry["summary"] as? String ?? ""
    #expect(summary.contains("port \(closed.port) failed (exit 255)"), "\(summary)")
    #expect(summary.contains("Connection refused"))
    #expect(!render.runHas("0002-render", "container.json"))
    #expect(try render.containersLeft().isEmpty)
  }
}
