import Foundation

/// Runs argvs on a render host: through the system OpenSSH client, or on this machine for host `local`
/// (the same argv, no ssh and no shell). Every remote command line comes from `ShellQuote.command`.
public struct SSHTransport: Sendable {
  /// Where commands run.
  public enum Host: Sendable, Equatable {
    /// This machine, without ssh.
    case local
    /// A host reached with ssh.
    case ssh(SSHOptions)
  }

  /// Where commands run.
  public let host: Host
  /// Variables set for every command (`DOCKER_HOST`), through `env` on the host; never secrets, which
  /// would show on command lines.
  public let environment: [String: String]
  private let executor: any CommandExecutor

  /// A transport to `host`; `executor` runs the local side (`ssh`, or the command itself).
  public init(
    host: Host, environment: [String: String] = [:], executor: any CommandExecutor = SpawnCommandExecutor()
  ) throws(LogistError) {
    if case .ssh(let options) = host { try options.validate() }
    for name in environment.keys where !Self.isVariableName(name) {
      throw .invalid("environment variable name \"\(name)\" is not valid: use letters, digits and '_'")
    }
    self.host = host
    self.environment = environment
    self.executor = executor
  }

  /// `local` or `ssh user@host port N`, for messages.
  public var label: String {
    switch host {
    case .local: return "local"
    case .ssh(let options): return "ssh \(options.label)"
    }
  }

  /// The local argv that runs `command` on the host.
  public func argv(for command: [String]) -> [String] {
    let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let full = variables.isEmpty ? command : ["env"] + variables + command
    switch host {
    case .local: return full
    case .ssh(let options): return options.argv(remoteCommand: ShellQuote.command(full))
    }
  }

  /// Runs `command` once. Over ssh, exit 255 (ssh's own failure: refused, unreachable, authentication,
  /// host key, dropped connection) throws a `.transport` error; any other exit code is the command's.
  public func run(
    _ command: [String], stdin: Data? = nil, timeout: Double? = nil, hooks: CommandHooks = CommandHooks()
  ) throws(LogistError) -> CommandResult {
    guard !command.isEmpty else { throw .invalid("cannot run an empty command on \(label)") }
    if case .ssh(let options) = host { try Self.prepareControlDirectory(options.controlDirectory) }
    var result = try executor.run(argv(for: command), stdin: stdin, timeout: timeout, hooks: hooks)
    guard case .ssh(let options) = host else { return result }
    result = CommandResult(
      exitCode: result.exitCode, stdout: result.stdout, stderr: Self.withoutSharingNotices(result.stderr))
    if result.exitCode == 255 {
      let reason = result.errorLine.isEmpty ? "the connection failed" : result.errorLine
      throw LogistError(
        .transport,
        "ssh to \(options.label) failed (exit 255) running `\(command[0])`: \(reason); check that the host is up "
          + "and its port, identityFile and known-hosts entry")
    }
    return result
  }

  /// Runs `command`, retrying it under `policy` after transport errors when it is safe to repeat.
  public func run(
    _ command: RemoteCommand, stdin: Data? = nil, timeout: Double? = nil, retry policy: RetryPolicy = .standard,
    hooks: CommandHooks = CommandHooks(), sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
  ) throws(LogistError) -> CommandResult {
    let effective = command.safeToRetry ? policy : .never
    return try effective.perform(sleep: sleep) { () throws(LogistError) in
      if let reason = hooks.stop?.reason {
        throw LogistError(.system, "`\(command.argv.first ?? "command")` was stopped: \(reason)")
      }
      return try run(command.argv, stdin: stdin, timeout: timeout, hooks: hooks)
    }
  }

  /// Standard error without the notices ssh prints before the session when two commands race to open
  /// the shared connection (`ControlSocket … already exists, disabling multiplexing`, ending in CRLF): they are ssh's,
  /// not the command's, and the command still runs.
  static func withoutSharingNotices(_ stderr: Data) -> Data {
    var rest = stderr[...]
    while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
      let line = String(decoding: rest[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      guard line.hasPrefix("ControlSocket "), line.hasSuffix("disabling multiplexing") else { break }
      rest = rest[rest.index(after: newline)...]
    }
    return Data(rest)
  }

  private static func isVariableName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy {
      $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
    }
  }
}
