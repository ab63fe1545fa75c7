/// What one run of a phase does in a simulation: the chance of each action and how much it uses.
public struct PhaseOutcome: Sendable, Equatable {
  /// The action names (`COMPLETED`, …, `TIMEOUT`; `APPROVED`/`REJECTED` for an approval gate) and their
  /// probabilities, in ``actionOrder``, summing to 1.
  public var actions: [ActionChance]
  /// Cost of one run, in US dollars.
  public var costUSD: Distribution
  /// Tokens of one run, all buckets.
  public var tokens: Distribution
  /// Wall time of one run, in seconds.
  public var seconds: Distribution
  /// Agent actions (turns, tool calls) of one run.
  public var agentActions: Distribution

  /// An action and its probability.
  public struct ActionChance: Sendable, Equatable {
    /// `COMPLETED`, `APPROVED`, …, or `TIMEOUT`.
    public var action: String
    /// Its probability.
    public var probability: Double
  }

  /// Every action name a model may give, in the fixed order draws use (so a seed gives the same path).
  public static let actionOrder = AgentAction.allCases.map(\.rawValue) + [timeout]
  /// The action name of a run stopped by its phase timeout.
  public static let timeout = "TIMEOUT"

  /// The action names a phase of `kind` may end with in a simulation.
  public static func allowed(for kind: PhaseKind) -> [String] {
    if kind == .approval { return [AgentAction.approved.rawValue, AgentAction.rejected.rawValue] }
    return Phase(name: "", role: "", kind: kind).allowedActions.map(\.rawValue) + [timeout]
  }

  /// The default for a phase no model entry covers: it always succeeds (`COMPLETED`, or `APPROVED` for a
  /// review or approval), costing the role's `maxCostPerPhaseUSD` and `maxTokensPerPhase` (else the
  /// engine's projection defaults), taking no time; a person's approval costs nothing.
  public static func standard(for phase: Phase, roleLimits: RoleLimits?) -> PhaseOutcome {
    let success = phase.kind == .agent || phase.kind == .render ? AgentAction.completed : .approved
    let person = phase.kind == .approval
    return PhaseOutcome(
      actions: [ActionChance(action: success.rawValue, probability: 1)],
      costUSD: .fixed(person ? 0 : roleLimits?.maxCostPerPhaseUSD ?? Projection.defaultCostUSD),
      tokens: .fixed(person ? 0 : Double(roleLimits?.maxTokensPerPhase ?? Projection.defaultTokens)),
      seconds: .fixed(0), agentActions: .fixed(0))
  }

  /// One action, drawn.
  func drawAction(_ random: inout SplitMix64) -> String {
    let point = random.unit()
    var total = 0.0
    for chance in actions {
      total += chance.probability
      if point < total { return chance.action }
    }
    return actions.last(where: { $0.probability > 0 })?.action ?? actions.last?.action ?? "COMPLETED"
  }
}
