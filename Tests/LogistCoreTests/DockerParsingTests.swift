import Foundation
import LogistCore
import Testing

/// Parsers and outcome classification, on output recorded from dockerd 20.10 (the rig's engine).
@Suite struct DockerParsingTests {
  private func result(_ code: Int32, _ out: String = "", _ err: String = "") -> CommandResult {
    CommandResult(exitCode: code, stdout: Data(out.utf8), stderr: Data(err.utf8))
  }

  private let notFound = #"""
    {"Status":"created","Running":false,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":0,"ExitCode":127,"Error":"failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"nosuchcmd\": executable file not found in $PATH: unknown","StartedAt":"0001-01-01T00:00:00Z","FinishedAt":"0001-01-01T00:00:00Z"}
    """#

  @Test func readsCreateResults() {
    let id = "a2cbedd4bfff1fcf6f4141f6620aad3eb5f98f5190e77d7b2c5ccfe36fab40e0"
    #expect(DockerCLI.parseCreate(result(0, id + "\n")) == .created(id: id))
    #expect(
      DockerCLI.parseCreate(result(1, "", "Error response from daemon: No such image: logist-missing:1\n"))
        == .imageMissing("Error response from daemon: No such image: logist-missing:1"))
    let conflict =
      #"Error response from daemon: Conflict. The container name "/x" is already in use by container "abc". You have to remove (or rename) that container to be able to reuse that name."#
    #expect(DockerCLI.parseCreate(result(1, "", conflict)) == .nameInUse(conflict))
    #expect(DockerCLI.parseCreate(result(0, "")) == .failed("no container id printed", exitCode: 0))
  }

  @Test func readsStateAndClassifiesMissingCommands() throws {
    let state = try #require(try DockerCLI.parseState(result(0, notFound), id: "x", host: "h"))
    #expect(state.status == "created" && state.exitCode == 127 && !state.everStarted)
    let outcome = ContainerOutcome.classify(exitCode: 127, state: state)
    #expect(outcome.reason.hasPrefix("command not found (exit 127): failed to create shim task"))
    #expect(try DockerCLI.parseState(result(1, "", "Error: No such container: x\n"), id: "x", host: "h") == nil)
    #expect(throws: LogistError.self) { try DockerCLI.parseState(result(1, "", "Cannot connect"), id: "x", host: "h") }
  }

  @Test func runSecondsComeFromTheEnginesStartAndFinishTimes() {
    let done = ContainerState(
      status: "exited", exitCode: 0, startedAt: "2026-11-21T23:45:51.250000000Z",
      finishedAt: "2026-11-21T23:46:01.75Z")
    #expect(done.runSeconds == 10.5)
    let whole = ContainerState(
      status: "exited", exitCode: 0, startedAt: "2026-11-21T23:45:51Z", finishedAt: "2026-11-21T23:45:53Z")
    #expect(whole.runSeconds == 2)
    #expect(ContainerState(status: "running", exitCode: 0, startedAt: "2026-11-21T23:45:51Z").runSeconds == nil)
    #expect(
      ContainerState(
        status: "exited", exitCode: 0, startedAt: "2026-11-21T23:45:51.5Z", finishedAt: "2026-11-21T23:45:51.49Z"
      ).runSeconds == nil, "times that go backwards are not a run time")
    #expect(ContainerState(status: "created", exitCode: 127).runSeconds == nil)
    #expect(
      ContainerState(status: "exited", exitCode: 0, startedAt: "garbage", finishedAt: "2026-11-21T23:45:53Z").runSeconds
        == nil)
  }

  @Test func classifiesEveryOutcome() {
    let ran = ContainerState(status: "exited", exitCode: 0, startedAt: "2026-11-21T23:45:51Z")
    #expect(ContainerOutcome.classify(exitCode: 0, state: ran) == .succeeded)
    #expect(ContainerOutcome.classify(exitCode: 3, state: ran).reason == "exit 3")
    #expect(ContainerOutcome.classify(exitCode: 125, state: nil) == .engineError(""))
    #expect(ContainerOutcome.classify(exitCode: 126, state: nil).reason == "command not executable (exit 126)")
    let oom = ContainerState(status: "exited", exitCode: 137, oomKilled: true, startedAt: "2026-11-21T23:45:51Z")
    #expect(ContainerOutcome.classify(exitCode: 137, state: oom) == .outOfMemory)
    #expect(ContainerOutcome.classify(exitCode: 137, state: ran).reason == "killed by SIGKILL (exit 137)")
    #expect(ContainerOutcome.classify(exitCode: 143, state: ran).reason == "stopped by SIGTERM (exit 143)")
    let gpu = ContainerState(status: "created", exitCode: 128, error: "could not select device driver \"\"")
    #expect(ContainerOutcome.classify(exitCode: 128, state: gpu) == .engineError("could not select device driver \"\""))
    #expect(
      ContainerOutcome.imageMissing("x:1").reason == "image missing: x:1 is not on the host; docker pull it there")
  }

  @Test func readsWaitListImageAndInfo() throws {
    #expect(try DockerCLI.parseWait(result(0, "127\n"), id: "x", host: "h") == 127)
    #expect(throws: LogistError.self) {
      try DockerCLI.parseWait(result(1, "", "No such container: x"), id: "x", host: "h")
    }
    let rows = try DockerCLI.parseList(
      result(0, "abc\tlogist.j.r\texited\t2\t0003-render\ndef\tn\trunning\t\n"), host: "h")
    #expect(
      rows == [
        ContainerListing(id: "abc", name: "logist.j.r", state: "exited", attempt: "2", run: "0003-render"),
        ContainerListing(id: "def", name: "n", state: "running", attempt: ""),
      ])
    #expect(try DockerCLI.parseImagePresent(result(0, "sha256:abc"), image: "i", host: "h"))
    #expect(try !DockerCLI.parseImagePresent(result(1, "", "Error: No such image: i"), image: "i", host: "h"))
    #expect(try DockerCLI.parseInfo(result(0, "20.10.24+dfsg1\n"), host: "h") == "20.10.24+dfsg1")
    #expect {
      try DockerCLI.parseInfo(result(1, "", "Cannot connect to the Docker daemon at unix:///x.sock.\n"), host: "h")
    } throws: { error in
      (error as? LogistError)?.message
        == "docker on h does not answer: Cannot connect to the Docker daemon at unix:///x.sock. (exit 1); start the engine or set DOCKER_HOST there"
    }
  }
}
