/// Which agent plays a role, and how it is reached.
public struct ProviderConfig: Codable, Sendable, Equatable {
  /// Provider kind. This build has `replay`.
  public var kind: String
  /// Turn cap passed to the agent CLI (`claude --max-turns`).
  public var maxTurns: Int?
  /// Permission mode passed to the agent CLI (`claude --permission-mode`).
  public var permissionMode: String?
  /// Sandbox passed to the agent CLI (`codex exec --sandbox`; default `workspace-write`).
  public var sandbox: String?
  /// Arguments appended to the agent CLI's command line.
  public var extraArgs: [String]?
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
