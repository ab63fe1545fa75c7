import Foundation
import LogistCore
import Synchronization
import Testing

/// The ssh transport against the rig's real loopback sshd.
@Suite(.serialized) struct RemoteSSHTests {
  /// `printf '%s\n' ARGS` on the far side prints exactly the arguments: nothing is expanded, split,
  /// globbed or executed by the remote shell.
  @Test func hostileArgumentsCrossSSHAsPlainData() throws {
    let transport = try RemoteRig.shared().sshTransport()
    try? FileManager.default.removeItem(atPath: "/tmp/logist-pwned")
    let lines = try transport.run(["printf", "%s\\n"] + hostileArguments, timeout: 30)
    #expect(lines.exitCode == 0, "\(lines.errorLine)")
    #expect(lines.output == hostileArguments.map { $0 + "\n" }.joined())
    let exact = try transport.run(["printf", "%s\\0"] + hostileArguments, timeout: 30)
    #expect(exact.stdout == Data(hostileArguments.map { $0 + "\0" }.joined().utf8))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/logist-pwned"))
  }

  /// Exit codes and standard input pass through; the connection is shared (a socket in the control
  /// directory after the first command).
  @Test func passesExitCodesAndInputAndSharesTheConnection() throws {
    let rig = try RemoteRig.shared()
    let transport = try rig.sshTransport()
    #expect(try transport.run(["sh", "-c", "exit 7"], timeout: 30).exitCode == 7)
    #expect(try transport.run(["cat"], stdin: Data("to the host\n".utf8), timeout: 30).output == "to the host\n")
    let sockets = try FileManager.default.contentsOfDirectory(atPath: rig.directory + "/c")
    #expect(!sockets.isEmpty)
    #expect(try transport.run(["sh", "-c", "echo $DOCKER_HOST"], timeout: 30).output == rig.dockerHost + "\n")
  }

  /// Host keys are checked by default: an unknown host is refused (exit 255, a transport error);
  /// `accept-new` records its key and goes on. (Own control directory: a shared connection that is
  /// already open skips the host key check.)
  @Test func refusesUnknownHostKeysUnlessAcceptNew() throws {
    let rig = try RemoteRig.shared()
    let known = rig.directory + "/known-\(uniqueID())"
    FileManager.default.createFile(atPath: known, contents: nil)
    var options = rig.sshOptions(knownHosts: known)
    options.controlDirectory = rig.directory + "/c-" + uniqueID()
    let strict = try SSHTransport(host: .ssh(options))
    #expect {
      try strict.run(["true"], timeout: 30)
    } throws: { error in
      let error = error as? LogistError
      return error?.kind == .transport && error?.message.contains("Host key verification failed") == true
    }
    options.hostKeyPolicy = .acceptNew
    let accepting = try SSHTransport(host: .ssh(options))
    #expect(try accepting.run(["true"], timeout: 30).exitCode == 0)
    let recorded = try String(contentsOfFile: known, encoding: .utf8)
    let hostKey = try String(contentsOfFile: rig.knownHostsFile, encoding: .utf8).split(separator: " ").last
    #expect(hostKey.map { recorded.contains($0) } == true)
  }

  /// Commands racing to open the shared connection all run, and their standard error holds only
  /// their own output (not ssh's notice that it did not share the connection).
  @Test func concurrentFirstCommandsRunCleanly() throws {
    let rig = try RemoteRig.shared()
    var options = rig.sshOptions()
    options.controlDirectory = rig.directory + "/c-" + uniqueID()
    let transport = try SSHTransport(host: .ssh(options))
    let results = Mutex<[CommandResult]>([])
    DispatchQueue.concurrentPerform(iterations: 4) { index in
      let result = try? transport.run(["sh", "-c", "echo out \(index); echo err \(index) >&2"], timeout: 30)
      results.withLock { $0.append(result ?? CommandResult(exitCode: -1, stdout: Data(), stderr: Data())) }
    }
    let all = results.withLock { $0 }
    #expect(all.count == 4)
    for result in all {
      #expect(result.exitCode == 0)
      #expect(String(decoding: result.stderr, as: UTF8.self).hasPrefix("err "), "\(result.errorLine)")
      #expect(result.errorLine.split(separator: " ").count == 2)
    }
  }

  /// A closed port: exit 255 is a transport error with one clear line, retried under the policy for a
  /// safe command and never for `docker create`, and no container exists afterwards.
  @Test func closedPortIsAOneLineTransportErrorRetriedOnlyWhenSafe() throws {
    let rig = try RemoteRig.shared()
    let closed = try ClosedPort()
    var options = rig.sshOptions()
    options.port = closed.port
    let counting = CountingExecutor()
    let transport = try SSHTransport(host: .ssh(options), executor: counting)
    let policy = RetryPolicy(delays: [0.05, 0.1])
    #expect {
      try transport.run(DockerCLI().info(), timeout: 30, retry: policy)
    } throws: { error in
      guard let error = error as? LogistError else { return false }
      return error.kind == .transport && !error.message.contains("\n")
        && error.message.hasPrefix("ssh to \(rig.destination) port \(closed.port) failed (exit 255) running `docker`")
        && error.message.contains("Connection refused") && error.message.hasSuffix("(gave up after 3 attempts)")
    }
    #expect(counting.argvs.count == 3)

    let job = uniqueID()
    let spec = ContainerSpec(
      image: rig.image, command: ["true"], name: ContainerName.forRun(job: job, run: "0001-render"),
      labels: ContainerName.labels(job: job, run: "0001-render", phase: "render", attempt: 1),
      hostDirectory: rig.directory, networkNone: true)
    #expect(throws: LogistError.self) { try DockerHost(transport, retry: policy).create(spec) }
    #expect(counting.argvs.count == 4)
    let found = try DockerHost(rig.localTransport()).containers(labels: [ContainerName.Label.job: job])
    #expect(found.isEmpty)
  }
}
