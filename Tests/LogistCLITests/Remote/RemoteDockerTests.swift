import Foundation
import LogistCore
import Testing

/// The docker argv layer against the rig's real dockerd, reached through the real sshd (the sshd sets
/// `DOCKER_HOST` for its sessions, as a host's configuration would) and locally.
@Suite(.serialized) struct RemoteDockerTests {
  private func spec(_ rig: RemoteRig, job: String, command: [String], image: String? = nil, dir: String)
    -> ContainerSpec
  {
    ContainerSpec(
      image: image ?? rig.image, command: command, name: ContainerName.forRun(job: job, run: "0001-render"),
      labels: ContainerName.labels(job: job, run: "0001-render", phase: "render", attempt: 1), hostDirectory: dir,
      networkNone: true)
  }

  /// Upload an input and a secrets env file (mode 0600, beside the run directory), create (labelled,
  /// named after the run; a second create for the run is a name conflict), start, wait, read logs,
  /// collect the outputs with matching hashes, find the container by label, remove.
  @Test(arguments: ["ssh", "local"])
  func fullLifecycleRoundTripsInputsAndOutputs(via: String) throws {
    let rig = try RemoteRig.shared()
    let transport = via == "ssh" ? try rig.sshTransport() : try rig.localTransport()
    let docker = DockerHost(transport)
    let files = RemoteFiles(transport)
    let job = uniqueID()
    let dir = rig.directory + "/runs/\(job)/0001-render"
    let scene = Data("scene: cube\n".utf8)
    try files.upload(scene, to: dir + "/scene.txt")
    #expect(try !docker.version().isEmpty)
    #expect(try docker.hasImage(rig.image))

    let script = "echo rendering; echo warn >&2; tr a-z A-Z < scene.txt > out/frame.txt; echo \"$TOKEN\" > out/token"
    let command = ["sh", "-c", script, "sh"]
    try files.makeDirectory(dir + "/out")
    try files.upload(Data("TOKEN=s3cret value\n".utf8), to: dir + ".env", mode: 0o600)
    var withSecrets = spec(rig, job: job, command: command, dir: dir)
    withSecrets.envFile = dir + ".env"
    let created = try docker.create(withSecrets)
    guard case .created(let id) = created else {
      Issue.record("docker create: \(created)")
      return
    }
    defer { _ = try? docker.remove(id, force: true) }
    guard case .nameInUse = try docker.create(withSecrets) else {
      Issue.record("a second create for the same run must fail with a name conflict")
      return
    }
    #expect(try docker.state(id)?.status == "created")
    try docker.start(id)
    let code = try docker.wait(id, timeout: 60)
    #expect(code == 0)
    let state = try #require(try docker.state(id))
    #expect(ContainerOutcome.classify(exitCode: code, state: state) == .succeeded)
    let logs = try docker.logs(id)
    #expect(logs.output == "rendering\n")
    #expect(String(decoding: logs.stderr, as: UTF8.self) == "warn\n")

    let output = try #require(try files.download(dir + "/out/frame.txt"))
    #expect(output == Data("SCENE: CUBE\n".utf8))
    #expect(try files.download(dir + "/out/missing.txt") == nil)
    #expect(try files.download(dir + "/out/token") == Data("s3cret value\n".utf8))
    let inspect = try transport.run(["docker", "inspect", "--format", "{{json .Config.Cmd}}", id], timeout: 30)
    #expect(!inspect.output.contains("s3cret"))
    try files.remove(dir + ".env")

    let found = try docker.containers(labels: [ContainerName.Label.job: job, ContainerName.Label.run: "0001-render"])
    #expect(
      found == [
        ContainerListing(id: id, name: "logist.\(job).0001-render", state: "exited", attempt: "1", run: "0001-render")
      ])
    #expect(try docker.remove(id))
    #expect(try docker.state(id) == nil)
    #expect(try !docker.remove(id))
  }

  /// A command missing from the image: exit 127, the container left `created`, the reason names it.
  @Test func missingCommandIsExit127() throws {
    let rig = try RemoteRig.shared()
    let docker = DockerHost(try rig.sshTransport())
    let created = try docker.create(
      spec(rig, job: uniqueID(), command: ["no-such-renderer", "-x"], dir: rig.directory))
    guard case .created(let id) = created else {
      Issue.record("docker create: \(created)")
      return
    }
    defer { _ = try? docker.remove(id, force: true) }
    try docker.start(id)
    let state = try #require(try docker.state(id))
    #expect(state.status == "created" && state.exitCode == 127)
    #expect(try docker.wait(id, timeout: 30) == 127)
    let outcome = ContainerOutcome.classify(exitCode: 127, state: state)
    #expect(outcome.reason.hasPrefix("command not found (exit 127): "))
    #expect(outcome.reason.contains("no-such-renderer"))
  }

  /// An image that is not on the host: `docker create` refuses (no pull), nothing is created.
  @Test func missingImageIsReportedNotPulled() throws {
    let rig = try RemoteRig.shared()
    let docker = DockerHost(try rig.sshTransport())
    let job = uniqueID()
    #expect(try !docker.hasImage("logist-missing:1"))
    let created = try docker.create(
      spec(rig, job: job, command: ["true"], image: "logist-missing:1", dir: rig.directory))
    guard case .imageMissing(let message) = created else {
      Issue.record("expected image missing, got \(created)")
      return
    }
    #expect(message.contains("No such image: logist-missing:1"))
    #expect(try docker.containers(labels: [ContainerName.Label.job: job]).isEmpty)
  }

  /// A failing command's exit code comes back from `docker wait`; `docker stop` ends a long one with
  /// SIGTERM (exit 143 when it handles it) or SIGKILL after the timeout (137: `sleep` as the container's
  /// pid 1 ignores SIGTERM); a stop of a removed container is not an error.
  @Test func exitCodesAndStop() throws {
    let rig = try RemoteRig.shared()
    let docker = DockerHost(try rig.sshTransport())
    let handlesTerm = ["sh", "-c", "trap 'exit 143' TERM; sleep 60 & wait"]
    let cases = [(["sh", "-c", "exit 3"], Int32(3)), (handlesTerm, Int32(143)), (["sleep", "60"], Int32(137))]
    for (command, expected) in cases {
      let created = try docker.create(spec(rig, job: uniqueID(), command: command, dir: rig.directory))
      guard case .created(let id) = created else {
        Issue.record("docker create: \(created)")
        continue
      }
      defer { _ = try? docker.remove(id, force: true) }
      try docker.start(id)
      if expected != 3 {
        #expect(try docker.state(id)?.isRunning == true)
        Thread.sleep(forTimeInterval: 0.3)  // let the shell install its trap
        #expect(try docker.stop(id, timeoutSeconds: expected == 143 ? 10 : 1))
      }
      let code = try docker.wait(id, timeout: 60)
      #expect(code == expected)
      #expect(ContainerOutcome.classify(exitCode: code, state: try docker.state(id)) == .failed(exitCode: expected))
      #expect(try docker.remove(id))
      #expect(try !docker.stop(id, timeoutSeconds: 1))
    }
  }
}
