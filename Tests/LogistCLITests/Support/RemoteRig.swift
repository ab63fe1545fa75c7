import Foundation
import LogistCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The remote-host test rig of `.ci/rig`: a private dockerd and a loopback sshd, together "a GPU host
/// reached over SSH". Started once per test process on first use (the rig's watchdog stops it by pid
/// when this process ends); if it cannot start, every test that needs it fails with the rig's own error:
/// this tier is never skipped.
struct RemoteRig: Sendable {
  /// The rig's directory (short: socket paths live in it).
  let directory: String
  /// `unix://…/d.sock` of the private dockerd.
  let dockerHost: String
  /// The loopback sshd's port.
  let sshPort: Int
  /// `user@127.0.0.1`.
  let destination: String
  /// The user's private key.
  let identityFile: String
  /// A known-hosts file holding the sshd's host key.
  let knownHostsFile: String
  /// The busybox image imported into the engine.
  let image: String

  /// The rig of this test process; throws (failing the test) when it could not start.
  static func shared() throws -> RemoteRig { try started.get() }

  private static let started: Result<RemoteRig, RigError> = Result { () throws(RigError) in try start() }

  /// Options for the rig's sshd; connection-sharing sockets go under the rig (so `rig down` closes them).
  func sshOptions(hostKeyPolicy: SSHOptions.HostKeyPolicy = .strict, knownHosts: String? = nil) -> SSHOptions {
    SSHOptions(
      destination: destination, port: sshPort, identityFile: identityFile,
      knownHostsFile: knownHosts ?? knownHostsFile, hostKeyPolicy: hostKeyPolicy, controlDirectory: directory + "/c")
  }

  /// A transport to the rig over ssh (its sshd sets `DOCKER_HOST` for every session, like a host's
  /// configuration would).
  func sshTransport(executor: any CommandExecutor = SpawnCommandExecutor()) throws -> SSHTransport {
    try SSHTransport(host: .ssh(sshOptions()), executor: executor)
  }

  /// A `local` transport to the rig's engine (`DOCKER_HOST` set through `env`).
  func localTransport() throws -> SSHTransport {
    try SSHTransport(host: .local, environment: ["DOCKER_HOST": dockerHost])
  }

  private static func start() throws(RigError) -> RemoteRig {
    var template = Array("/tmp/lr.XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw RigError("mkdtemp /tmp/lr.XXXXXX failed") }
    let directory = String(cString: made)
    let script = Sandbox.packageRoot.appendingPathComponent(".ci/rig").path
    let argv = ["/bin/bash", script, "up", directory, "--owner", String(getpid())]
    let result: CommandResult
    do {
      result = try SpawnCommandExecutor().run(argv, stdin: nil, timeout: 900)
    } catch {
      throw RigError(".ci/rig up \(directory): \(error.message)")
    }
    let text = result.output
    guard result.exitCode == 0 else {
      let tail = String(decoding: result.stderr, as: UTF8.self).split(separator: "\n").suffix(5)
      throw RigError(".ci/rig up \(directory) failed (exit \(result.exitCode)): \(tail.joined(separator: " | "))")
    }
    return try parse(text, directory: directory)
  }

  private static func parse(_ text: String, directory: String) throws(RigError) -> RemoteRig {
    var env: [String: String] = [:]
    for line in text.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "="), line.first != " " else { continue }
      env[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    guard let docker = env["DOCKER_HOST"], let port = env["RIG_SSH_PORT"].flatMap(Int.init),
      let user = env["RIG_SSH_USER"], let host = env["RIG_SSH_HOST"], let key = env["RIG_SSH_KEY"],
      let known = env["RIG_KNOWN_HOSTS"], let image = env["RIG_IMAGE"]
    else { throw RigError(".ci/rig up \(directory) printed no complete environment: \(text)") }
    return RemoteRig(
      directory: directory, dockerHost: docker, sshPort: port, destination: "\(user)@\(host)", identityFile: key,
      knownHostsFile: known, image: image)
  }
}

/// Why the rig could not start.
struct RigError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
