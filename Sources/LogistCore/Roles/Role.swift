/// Which agent plays a role, and how it is reached.
public struct ProviderConfig: Codable, Sendable, Equatable {
  /// Provider kind: `replay`, `command`, `claude`, `codex` or `cline`.
  public var kind: String
  /// The `command` provider's argument vector (executable first; `./x` is relative to the role file); for
  /// `docker`, the argv run in the container.
  public var command: [String]?
  /// What `job chat` runs for a `command` role (same rules as ``command``).
  public var chatCommand: [String]?
  /// Turn cap passed to the agent CLI (`claude --max-turns`).
  public var maxTurns: Int?
  /// Permission mode passed to the agent CLI (`claude --permission-mode`).
  public var permissionMode: String?
  /// Sandbox passed to the agent CLI (`codex exec --sandbox`; default `workspace-write`).
  public var sandbox: String?
  /// Arguments appended to the agent CLI's command line.
  public var extraArgs: [String]?
  /// Retries of a transiently failed run (rate limit, overload, network) before falling back (default 2).
  public var retries: Int?
  /// First retry delay in seconds, doubled for each further retry, with jitter (default 5).
  public var retryBaseSeconds: Double?
  /// Seconds between SIGTERM and SIGKILL when a run is stopped (default 10).
  public var graceSeconds: Double?
  /// Most bytes of output kept in `agent.log` (`render.log` for docker): its head and its tail, with a
  /// marker line between them saying how much was dropped (default 50 MiB).
  public var logLimitBytes: Int?
  /// Environment variable names or globs (`AWS_*`) the agent does not get.
  public var denyEnv: [String]?
  /// Environment variable names or globs whose values are redacted from everything logist writes, on top
  /// of the secret-looking names and `LOGIST_REDACT`.
  public var redact: [String]?
  /// Providers or models tried in order when this one still fails transiently after its retries.
  public var fallback: [FallbackProvider]?
  /// The sandbox live agents run in (every fallback too); absent: none.
  public var isolation: Isolation?
  /// docker: `local` or `user@host`.
  public var host: String?
  /// docker: the ssh port.
  public var port: Int?
  /// docker: the ssh private key.
  public var identityFile: String?
  /// docker: the ssh known-hosts file.
  public var knownHostsFile: String?
  /// docker: `strict` or `accept-new`.
  public var hostKeyPolicy: String?
  /// docker: the image, already on the host.
  public var image: String?
  /// docker: `all` or a comma-separated device list.
  public var gpus: String?
  /// docker: the container's variables (sent in a 0600 env file).
  public var env: [String: String]?
  /// docker: workspace files uploaded into the run directory.
  public var inputs: [String]?
  /// docker: run-directory files brought back into the workspace.
  public var outputs: [String]?
  /// docker: where run directories go on the host.
  public var remoteDir: String?
  /// docker: `docker stop -t` seconds.
  public var stopTimeoutSeconds: Int?
  /// docker: the host's price per hour, for the ledger.
  public var costPerHourUSD: Double?

  /// A provider of `kind` with every other setting absent.
  public init(
    kind: String, command: [String]? = nil, chatCommand: [String]? = nil, maxTurns: Int? = nil,
    permissionMode: String? = nil, sandbox: String? = nil, extraArgs: [String]? = nil
  ) {
    self.kind = kind
    self.command = command
    self.chatCommand = chatCommand
    self.maxTurns = maxTurns
    self.permissionMode = permissionMode
    self.sandbox = sandbox
    self.extraArgs = extraArgs
  }
}

/// One entry of a provider's `fallback` list: another model of the same provider (only `model`), or
/// another provider (`kind` and its own settings; nothing is inherited from the primary then, except
/// `isolation`: a role's sandbox holds for every provider that plays it).
public struct FallbackProvider: Codable, Sendable, Equatable {
  /// Provider kind; absent: the primary's kind, with the primary's settings.
  public var kind: String?
  /// Model; absent: the role's model.
  public var model: String?
  /// `command` provider's argument vector.
  public var command: [String]?
  /// Turn cap (`claude --max-turns`).
  public var maxTurns: Int?
  /// `claude --permission-mode`.
  public var permissionMode: String?
  /// `codex exec --sandbox`.
  public var sandbox: String?
  /// Arguments appended to the command line.
  public var extraArgs: [String]?

  /// The provider settings this entry stands for, given the primary's.
  public func config(over primary: ProviderConfig) -> ProviderConfig {
    var config = kind == nil || kind == primary.kind ? primary : ProviderConfig(kind: kind ?? primary.kind)
    config.fallback = nil
    config.isolation = primary.isolation
    if let command { config.command = command }
    if let maxTurns { config.maxTurns = maxTurns }
    if let permissionMode { config.permissionMode = permissionMode }
    if let sandbox { config.sandbox = sandbox }
    if let extraArgs { config.extraArgs = extraArgs }
    return config
  }
}

/// Per-phase limits a role sets as defaults.
public struct RoleLimits: Codable, Sendable, Equatable {
  /// Expected or maximum cost of one phase run.
  public var maxCostPerPhaseUSD: Double?
  /// Longest one phase run may take.
  public var phaseTimeoutSeconds: Double?
  /// Most tokens one phase run may use.
  public var maxTokensPerPhase: Int?
  /// Most agent actions one phase run may use.
  public var maxActionsPerPhase: Int?
}

/// An agent role: who plays a phase and with what instructions.
public struct Role: Codable, Sendable, Equatable {
  /// Name (the file name without `.json`).
  public var name: String?
  /// What the role is for.
  public var description: String
  /// The agent behind it.
  public var provider: ProviderConfig
  /// Model name passed to the provider.
  public var model: String
  /// Prompt template; see ``PromptBuilder`` for placeholders.
  public var instructions: String
  /// Per-phase limit defaults.
  public var limits: RoleLimits?
}

/// A role as resolved: its config and where each value came from.
public struct ResolvedRole: Sendable, Equatable {
  /// Role name.
  public let name: String
  /// The effective config.
  public let role: Role
  /// The merged JSON document.
  public let document: JSONValue
  /// For each key path (`provider.kind`), `built-in` or the file that set it.
  public let sources: [String: String]
}
