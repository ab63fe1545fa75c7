import Foundation
import LogistCore
import Testing

@Suite struct DockerCLITests {
  private func spec(gpus: ContainerSpec.GPUs? = nil) -> ContainerSpec {
    ContainerSpec(
      image: "render:1", command: ["blender", "-b", "scene file.blend"],
      name: ContainerName.forRun(job: "demo", run: "0003-render"),
      labels: ContainerName.labels(job: "demo", run: "0003-render", phase: "render", attempt: 2),
      hostDirectory: "/srv/logist/demo/0003-render", envFile: "/srv/logist/demo/0003-render/.env", gpus: gpus,
      networkNone: true)
  }

  @Test func createKeepsTheContainerAndLabelsIt() throws {
    let command = try DockerCLI().create(spec(gpus: .all))
    #expect(!command.safeToRetry)
    #expect(!command.argv.contains("--rm"))
    #expect(
      command.argv == [
        "docker", "create", "--pull", "never", "--name", "logist.demo.0003-render",
        "--label", "logist.attempt=2", "--label", "logist.job=demo", "--label", "logist.phase=render",
        "--label", "logist.run=0003-render",
        "--mount", "type=bind,source=/srv/logist/demo/0003-render,target=/logist/run", "--workdir", "/logist/run",
        "--env-file", "/srv/logist/demo/0003-render/.env", "--gpus", "all", "--network", "none",
        "--", "render:1", "blender", "-b", "scene file.blend",
      ])
  }

  /// docker parses `--gpus` as CSV: a device list needs the inner double quotes.
  @Test func gpuDeviceListsAreQuotedForDocker() throws {
    let argv = try DockerCLI().create(spec(gpus: .devices(["0", "2"]))).argv
    #expect(argv.contains("\"device=0,2\""))
    #expect(try !DockerCLI().create(spec()).argv.contains("--gpus"))
  }

  @Test func refusesSpecsDockerWouldMisread() {
    var bad = spec()
    bad.hostDirectory = "/srv/a,b"
    #expect(throws: LogistError.self) { try DockerCLI().create(bad) }
    bad = spec()
    bad.hostDirectory = "relative/dir"
    #expect(throws: LogistError.self) { try DockerCLI().create(bad) }
    bad = spec()
    bad.command = []
    #expect(throws: LogistError.self) { try DockerCLI().create(bad) }
  }

  @Test func namesFollowDockersRulesAndStayDistinct() {
    #expect(ContainerName.forRun(job: "demo", run: "0001-render") == "logist.demo.0001-render")
    let odd = ContainerName.forRun(job: "demo", run: "0001 render/é")
    #expect(ContainerName.isValid(odd))
    #expect(odd.hasPrefix("logist.demo.0001_render__-"))
    #expect(odd != ContainerName.forRun(job: "demo", run: "0001_render/é"))
    let long = ContainerName.forRun(job: String(repeating: "j", count: 64), run: String(repeating: "r", count: 100))
    #expect(long.utf8.count == 128 && ContainerName.isValid(long))
    #expect(!ContainerName.isValid("a b") && !ContainerName.isValid("-x") && !ContainerName.isValid("x"))
  }

  @Test func otherCommandsAreTheDockerSubcommands() {
    let cli = DockerCLI()
    #expect(cli.stop("abc", timeoutSeconds: 7).argv == ["docker", "stop", "-t", "7", "abc"])
    #expect(cli.remove("abc").argv == ["docker", "rm", "-v", "abc"])
    #expect(cli.logs("abc", follow: true).argv == ["docker", "logs", "--follow", "abc"])
    #expect(cli.wait("abc").argv == ["docker", "wait", "abc"])
    let list = cli.list(labels: ["logist.job": "demo", "logist.run": "0001-r"]).argv
    #expect(
      Array(list.prefix(8)) == [
        "docker", "ps", "-a", "--no-trunc", "--filter", "label=logist.job=demo", "--filter", "label=logist.run=0001-r",
      ])
    let safe = [cli.start("a"), cli.wait("a"), cli.inspectState("a"), cli.info()].map { $0.safeToRetry }
    #expect(safe == [true, true, true, true])
  }
}
