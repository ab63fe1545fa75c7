import Foundation
import LogistCore
import Testing

/// A sandbox with a copy of the `render-demo` template whose `scene-renderer` role is rewritten per test
/// (the template's own `roles/` is what the job freezes), run against
/// the rig's docker engine (`local`, through `DOCKER_HOST`) or its sshd.
final class RenderBox {
  let box: Sandbox
  let rig: RemoteRig
  let id = uniqueID()
  let roles: URL

  /// Creates the job with the demo role, its provider keys replaced by `provider` (and `limits` set).
  init(provider: [String: Any] = [:], limits: [String: Any]? = nil) throws {
    box = try Sandbox()
    rig = try RemoteRig.shared()
    let template = try box.copyTemplate("render-demo", as: "render-demo")
    roles = template.appendingPathComponent("roles")
    let demo = roles.appendingPathComponent("scene-renderer.json")
    var role = try JSONSerialization.jsonObject(with: Data(contentsOf: demo)) as? [String: Any] ?? [:]
    var merged = role["provider"] as? [String: Any] ?? [:]
    merged["remoteDir"] = rig.directory + "/runs"
    for (key, value) in provider { merged[key] = value }
    role["provider"] = merged
    if let limits { role["limits"] = limits }
    let data = try JSONSerialization.data(withJSONObject: role, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: roles.appendingPathComponent("scene-renderer.json"))
    let created = try logist(["job", "create", id, "--from", template.path])
    #expect(created.status == 0, "\(created.stderr)")
  }

  /// The provider keys that send the render over the rig's sshd.
  static func ssh(_ rig: RemoteRig) -> [String: Any] {
    [
      "host": rig.destination, "port": rig.sshPort, "identityFile": rig.identityFile,
      "knownHostsFile": rig.knownHostsFile,
    ]
  }

  /// Runs `logist` with the rig's engine (and the role directory, for `role check`).
  @discardableResult
  func logist(_ args: [String]) throws -> CLIResult {
    try box.logist(args, environment: ["LOGIST_ROLES_DIR": roles.path, "DOCKER_HOST": rig.dockerHost])
  }

  /// Starts `logist job run` in the background (with the rig's engine).
  func startRun() throws -> Sandbox.Running {
    try box.start(
      ["--jobs-dir", box.jobs.path, "job", "run", id],
      environment: ["DOCKER_HOST": rig.dockerHost])
  }

  /// Waits until run `run`'s live `render.log` holds `text` (the container is running and followed).
  func waitForLog(_ run: String, containing text: String, timeout: Double = 60) throws {
    try waitFor("\(run)/render.log to show \(text)", timeout: timeout) {
      ((try? runText(run, "render.log")) ?? "").contains(text)
    }
  }

  /// How many containers labelled with this job the engine has created since `since` (`docker events`).
  func containersCreated(since: Date) throws -> Int {
    let transport = try rig.localTransport()
    let result = try transport.run(
      [
        "docker", "events", "--since", String(Int(since.timeIntervalSince1970) - 1), "--until",
        String(Int(Date().timeIntervalSince1970) + 1), "--filter", "event=create", "--filter",
        "label=\(ContainerName.Label.job)=\(id)", "--format", "{{.Actor.ID}}",
      ], timeout: 60)
    #expect(result.exitCode == 0, "\(result.errorLine)")
    return result.output.split(whereSeparator: \.isNewline).count
  }

  /// `job step` for the scene, then for the render; the render's history entry.
  func stepToRender() throws -> [String: Any] {
    for _ in 0..<2 {
      let step = try logist(["job", "step", id])
      #expect(step.status == 0 || step.status == 2, "\(step.stdout)\(step.stderr)")
    }
    return try history()[1]
  }

  /// The job's history entries.
  func history() throws -> [[String: Any]] { try box.manifest(id)["history"] as? [[String: Any]] ?? [] }

  /// A file of run `run`'s archive as text.
  func runText(_ run: String, _ name: String) throws -> String {
    String(decoding: try box.runFile(id, run, name), as: UTF8.self)
  }

  /// Whether the run archive holds `name`.
  func runHas(_ run: String, _ name: String) -> Bool {
    FileManager.default.fileExists(atPath: box.jobDirectory(id).appendingPathComponent("runs/\(run)/\(name)").path)
  }

  /// The containers on the rig's engine labelled with this job (`docker ps -a --filter label=…`).
  func containersLeft() throws -> [ContainerListing] {
    try DockerHost(rig.localTransport()).containers(labels: [ContainerName.Label.job: id])
  }
}
