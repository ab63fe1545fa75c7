import Foundation

/// A docker role's provider settings, checked and turned into what the render lifecycle needs.
struct RenderSettings: Sendable {
  /// Where commands run (`local` or ssh).
  let transport: SSHTransport
  /// The image, already on the host.
  let image: String
  /// The argv run in the container.
  let command: [String]
  /// GPUs, or nil for none.
  let gpus: ContainerSpec.GPUs?
  /// The container's variables, sorted by name.
  let env: [(name: String, value: String)]
  /// Workspace files uploaded before the run.
  let inputs: [String]
  /// Run-directory files brought back after it.
  let outputs: [String]
  /// Where run directories go on the host.
  let remoteDir: String
  /// `docker stop -t` seconds.
  let stopTimeoutSeconds: Int
  /// The host's price per hour.
  let costPerHourUSD: Double?
  /// Most bytes of the container's output kept in `render.log`.
  let logLimitBytes: Int
  /// What the container's log is redacted with: the user's secrets, the container's secret-looking
  /// variables, the role's `provider.redact`.
  let redactor: SecretRedactor

  /// Checks `config` of role `role`; the one-line error names the role and the field.
  init(_ config: ProviderConfig, role: String) throws(LogistError) {
    let field = "role \(role): provider"
    guard let image = config.image else { throw .invalid("\(field).image is missing: name the docker image to run") }
    guard let command = config.command, !command.isEmpty else {
      throw .invalid("\(field).command is missing: give the argv to run in the container")
    }
    self.image = image
    self.command = command
    transport = try Self.transport(config, field: field)
    switch config.gpus {
    case nil: gpus = nil
    case "all"?: gpus = .all
    case let list?: gpus = .devices(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }
    var env: [(name: String, value: String)] = []
    for (name, value) in (config.env ?? [:]).sorted(by: { $0.key < $1.key }) {
      let validName =
        name.first.map { !$0.isNumber } == true
        && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
      if !validName { throw .invalid("\(field).env: \"\(name)\" is not a variable name: use letters, digits and '_'") }
      if value.contains(where: \.isNewline) || value.utf8.contains(0) {
        throw .invalid("\(field).env.\(name): the value holds a newline or NUL, which an env file cannot carry")
      }
      env.append((name, value))
    }
    self.env = env
    for (key, paths) in [("inputs", config.inputs ?? []), ("outputs", config.outputs ?? [])] {
      for (index, path) in paths.enumerated() {
        if let problem = WorkspacePath.problem(path) {
          throw .invalid("\(field).\(key)[\(index)]: \"\(path)\" \(problem)")
        }
      }
    }
    inputs = config.inputs ?? []
    outputs = config.outputs ?? []
    remoteDir = config.remoteDir ?? "logist-runs"
    stopTimeoutSeconds = config.stopTimeoutSeconds ?? 10
    costPerHourUSD = config.costPerHourUSD
    logLimitBytes = config.logLimitBytes ?? CappedLog.defaultLimit
    redactor = SecretRedactor(
      environment: ProcessInfo.processInfo.environment, names: config.redact ?? [],
      more: Dictionary(env, uniquingKeysWith: { first, _ in first }))
  }

  private static func transport(_ config: ProviderConfig, field: String) throws(LogistError) -> SSHTransport {
    let host = config.host ?? "local"
    if host == "local" { return try SSHTransport(host: .local) }
    let policy: SSHOptions.HostKeyPolicy
    switch config.hostKeyPolicy ?? "strict" {
    case "strict": policy = .strict
    case "accept-new": policy = .acceptNew
    case let other: throw .invalid("\(field).hostKeyPolicy \"\(other)\" is not known: use strict or accept-new")
    }
    let options = SSHOptions(
      destination: host, port: config.port, identityFile: config.identityFile.map(expand),
      knownHostsFile: config.knownHostsFile.map(expand), hostKeyPolicy: policy)
    return try SSHTransport(host: .ssh(options))
  }

  /// `~/x` in the user's home, as ssh would read it.
  private static func expand(_ path: String) -> String { (path as NSString).expandingTildeInPath }

  /// The env file's text: `NAME=value` lines.
  var envFile: Data { Data(env.map { "\($0.name)=\($0.value)\n" }.joined().utf8) }
}
