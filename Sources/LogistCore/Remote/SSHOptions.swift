import Foundation

/// How to reach a host with the system OpenSSH client, and the exact `ssh` argv for a remote command.
public struct SSHOptions: Sendable, Equatable {
  /// What ssh does with a host key it does not know yet.
  public enum HostKeyPolicy: String, Sendable, Equatable {
    /// Refuse unknown and changed host keys (the default).
    case strict = "yes"
    /// Add unknown host keys to the known-hosts file, refuse changed ones.
    case acceptNew = "accept-new"
  }

  /// `host` or `user@host`.
  public var destination: String
  /// The ssh port; nil uses ssh's own configuration (22).
  public var port: Int?
  /// The private key; nil uses ssh's own configuration.
  public var identityFile: String?
  /// The known-hosts file; nil uses `~/.ssh/known_hosts`.
  public var knownHostsFile: String?
  /// Host key checking; strict unless configured.
  public var hostKeyPolicy: HostKeyPolicy
  /// The private directory holding connection-sharing sockets (`ControlPath`); short, mode 0700.
  public var controlDirectory: String
  /// Seconds an idle shared connection stays open.
  public var controlPersistSeconds: Int
  /// Seconds to wait for the TCP connection.
  public var connectTimeoutSeconds: Int
  /// Seconds between keepalives; after `keepAliveCountMax` unanswered ones ssh gives up (exit 255).
  public var keepAliveSeconds: Int
  /// Unanswered keepalives before ssh gives up.
  public var keepAliveCountMax: Int

  /// Options for `destination`, with the defaults described on each property.
  public init(
    destination: String, port: Int? = nil, identityFile: String? = nil, knownHostsFile: String? = nil,
    hostKeyPolicy: HostKeyPolicy = .strict, controlDirectory: String = SSHOptions.defaultControlDirectory
  ) {
    self.destination = destination
    self.port = port
    self.identityFile = identityFile
    self.knownHostsFile = knownHostsFile
    self.hostKeyPolicy = hostKeyPolicy
    self.controlDirectory = controlDirectory
    controlPersistSeconds = 60
    connectTimeoutSeconds = 10
    keepAliveSeconds = 15
    keepAliveCountMax = 4
  }

  /// `/tmp/logist-ssh-<uid>`: short enough for `%C` socket names under the unix socket path limit.
  public static var defaultControlDirectory: String { "/tmp/logist-ssh-\(getuid())" }

  /// `user@host port N`, for messages.
  public var label: String { port.map { "\(destination) port \($0)" } ?? destination }

  /// The `ssh` argv that runs `command` (already one shell command line) on the host.
  public func argv(remoteCommand command: String) -> [String] {
    var argv = ["ssh", "-T"]
    var options = [
      "BatchMode=yes", "LogLevel=ERROR", "StrictHostKeyChecking=\(hostKeyPolicy.rawValue)",
      "ControlMaster=auto", "ControlPath=\(Self.literal(controlDirectory))/%C",
      "ControlPersist=\(controlPersistSeconds)",
      "ConnectTimeout=\(connectTimeoutSeconds)", "ServerAliveInterval=\(keepAliveSeconds)",
      "ServerAliveCountMax=\(keepAliveCountMax)",
    ]
    if let knownHostsFile { options.append("UserKnownHostsFile=\(Self.literal(knownHostsFile))") }
    if identityFile != nil { options.append("IdentitiesOnly=yes") }
    for option in options { argv += ["-o", option] }
    if let port { argv += ["-p", String(port)] }
    if let identityFile { argv += ["-i", Self.literal(identityFile)] }
    return argv + [destination, "--", command]
  }

  /// A path as ssh reads it literally: `%` starts a token in these options, `%%` is a plain `%`.
  private static func literal(_ path: String) -> String {
    path.split(separator: "%", omittingEmptySubsequences: false).joined(separator: "%%")
  }

  /// Throws unless the options can be handed to ssh as they are; the message names the field.
  public func validate() throws(LogistError) {
    let bad = destination.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0 == "\u{7f}" }
    if destination.isEmpty || destination.hasPrefix("-") || bad {
      throw .invalid(
        "ssh host \"\(destination)\" is not a host name: use `host` or `user@host`, without spaces or a leading '-'")
    }
    if let port, !(1...65535).contains(port) {
      throw .invalid("ssh port \(port) for \(destination) is out of range: use 1-65535")
    }
    let paths = [
      ("identityFile", identityFile), ("knownHostsFile", knownHostsFile), ("controlDirectory", controlDirectory),
    ]
    for (field, value) in paths {
      if let value, value.isEmpty || value.unicodeScalars.contains(where: \.properties.isWhitespace) {
        throw .invalid("ssh \(field) \"\(value)\" for \(destination) is empty or has spaces: use a path without spaces")
      }
    }
  }
}
