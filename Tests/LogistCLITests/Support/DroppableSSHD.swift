import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// A second loopback sshd, beside the rig's, that a test can take down (its listener and every
/// connection it serves, with SIGKILL: the clients see the connection drop, ssh exits 255) and bring
/// back on the same port, host key and users. It stops itself when the test is done with it.
final class DroppableSSHD {
  let rig: RemoteRig
  let port: Int
  let knownHostsFile: String
  private let config: String
  private let pidFile: String

  init(rig: RemoteRig) throws {
    self.rig = rig
    port = try { () throws -> Int in try ClosedPort().port }()
    let ssh = rig.directory + "/ssh"
    config = "\(ssh)/drop-\(port).config"
    pidFile = "\(rig.directory)/drop-\(port).pid"
    knownHostsFile = "\(ssh)/drop-\(port).known_hosts"
    let base = try String(contentsOfFile: ssh + "/sshd_config", encoding: .utf8)
    let lines = base.split(separator: "\n").map { line -> String in
      if line.hasPrefix("Port ") { return "Port \(port)" }
      if line.hasPrefix("PidFile ") { return "PidFile \(pidFile)" }
      return String(line)
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: config, atomically: true, encoding: .utf8)
    let hostKey = try String(contentsOfFile: ssh + "/host_key.pub", encoding: .utf8)
    let fields = hostKey.split(separator: " ").prefix(2).joined(separator: " ")
    try "[127.0.0.1]:\(port) \(fields)\n".write(toFile: knownHostsFile, atomically: true, encoding: .utf8)
    try start()
  }

  deinit { drop() }

  /// The provider keys of a docker role that reaches the rig through this sshd.
  var provider: [String: Any] {
    [
      "host": rig.destination, "port": port, "identityFile": rig.identityFile, "knownHostsFile": knownHostsFile,
    ]
  }

  /// Starts (or restarts) the listener and waits until it accepts connections.
  func start() throws {
    _ = try shell(
      "setsid /usr/sbin/sshd -f '\(config)' -E '\(rig.directory)/drop-\(port).log' </dev/null >/dev/null 2>&1")
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      let probe = try shell("exec 3<>/dev/tcp/127.0.0.1/\(port)", bash: true)
      if probe.exitCode == 0 { return }
      usleep(50_000)
    }
    throw RigError("the droppable sshd on port \(port) did not come up; see \(rig.directory)/drop-\(port).log")
  }

  /// Kills the listener and every session it serves.
  func drop() {
    _ = try? shell(
      "pid=$(cat '\(pidFile)' 2>/dev/null) || exit 0; kill -STOP $pid; pkill -KILL -P $pid; kill -KILL $pid; rm -f '\(pidFile)'"
    )
  }

  private func shell(_ script: String, bash: Bool = false) throws -> CommandResult {
    try SpawnCommandExecutor().run([bash ? "/bin/bash" : "/bin/sh", "-c", script], stdin: nil, timeout: 30)
  }
}
