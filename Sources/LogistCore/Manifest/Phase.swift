/// What plays a phase.
public enum PhaseKind: String, Codable, Sendable, CaseIterable {
  /// An agent does work and answers COMPLETED, RETRY, STUCK or NEEDS_APPROVAL.
  case agent
  /// An agent reviews the work so far and answers APPROVED or REJECTED.
  case review
  /// A person approves or rejects with `job approve` / `job reject`.
  case approval
  /// A render job (GPU, remote Docker); answers like an agent phase.
  case render
}

/// One step of a job's strategy.
public struct Phase: Codable, Sendable, Equatable {
  /// Unique name within the job (`implement`).
  public var name: String
  /// The role that plays it (`worker`).
  public var role: String
  /// What kind of phase it is.
  public var kind: PhaseKind
  /// The phase a rejection returns to; without it a rejection fails the job.
  public var onReject: String?
  /// Attempts this phase may use, counting retries and returns after rejections.
  public var maxAttempts: Int?

  /// Attempts allowed when the manifest says nothing.
  public static let defaultMaxAttempts = 3

  /// `maxAttempts`, or the default.
  public var attemptLimit: Int { maxAttempts ?? Phase.defaultMaxAttempts }

  /// Makes a phase.
  public init(name: String, role: String, kind: PhaseKind, onReject: String? = nil, maxAttempts: Int? = nil) {
    self.name = name
    self.role = role
    self.kind = kind
    self.onReject = onReject
    self.maxAttempts = maxAttempts
  }

  /// Agent actions this phase accepts.
  public var allowedActions: [AgentAction] {
    switch kind {
    case .agent, .render: return [.completed, .retry, .stuck, .needsApproval]
    case .review: return [.approved, .rejected, .retry, .stuck, .needsApproval]
    case .approval: return []
    }
  }

  /// The built-in strategy of `job create --goal`: worker, supervisor review, steward approval.
  public static let defaultStrategy: [Phase] = [
    Phase(name: "implement", role: "worker", kind: .agent),
    Phase(name: "review", role: "supervisor", kind: .review, onReject: "implement"),
    Phase(name: "approve", role: "steward", kind: .approval, onReject: "implement"),
  ]
}
