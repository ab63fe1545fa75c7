/// `simulate --from-history`: an outcome model fitted from past phase runs.
///
/// For each phase, the first group with at least ``minimumRuns`` past runs: the same phase name, role
/// and model (the role's model now); the same phase name and role, any model; the same role and model in
/// any phase; the same role in any phase; else none (the default model: the role's limits). Runs of
/// another phase count only where their action is one this phase's kind can give. Actions are their observed shares (an invalid or missing response counts as `STUCK`: both
/// need intervention; interrupted and halted runs are left out, they say nothing of the agent); cost,
/// tokens and seconds are the observed values (`samples`).
public enum HistoryFit {
  /// Fewer past runs than this are not used.
  public static let minimumRuns = 5

  /// Where one phase's outcome came from.
  public struct Source: Codable, Sendable, Equatable {
    /// Phase name.
    public var phase: String
    /// `phase` (same phase name and role), `role` (same role, any phase) or `default` (too few runs).
    public var basis: String
    /// Past runs used (for `default`: the most found, under ``minimumRuns``).
    public var runs: Int
    /// The model all the runs used were made with; nil when runs of any model were used.
    public var model: String?
  }

  /// The model for `phases` from `history`, and where each phase's entry came from.
  public static func model(
    _ history: [PastPhaseRun], phases: [Phase], roleModels: [String: String] = [:]
  ) -> (model: OutcomeModel, sources: [Source]) {
    var model = OutcomeModel()
    model.file = "(fitted from history)"
    var sources: [Source] = []
    for phase in phases {
      let allowed = PhaseOutcome.allowed(for: phase.kind)
      let actor = phase.kind == .approval ? "person" : "agent"
      let usable = history.filter {
        $0.role == phase.role && $0.actor == actor && allowed.contains(action(of: $0))
      }
      let samePhase = usable.filter { $0.phase == phase.name }
      let roleModel = roleModels[phase.role]
      let groups: [(String, String?, [PastPhaseRun])] = [
        ("phase", roleModel, roleModel.map { m in samePhase.filter { $0.model == m } } ?? []),
        ("phase", nil, samePhase),
        ("role", roleModel, roleModel.map { m in usable.filter { $0.model == m } } ?? []), ("role", nil, usable),
      ]
      guard let (basis, usedModel, runs) = groups.first(where: { $0.2.count >= minimumRuns }) else {
        sources.append(Source(phase: phase.name, basis: "default", runs: usable.count))
        continue
      }
      var counts: [String: Int] = [:]
      for run in runs { counts[action(of: run), default: 0] += 1 }
      var entry = OutcomeModel.Entry()
      entry.actions = PhaseOutcome.actionOrder.compactMap { name in
        counts[name].map { PhaseOutcome.ActionChance(action: name, probability: Double($0) / Double(runs.count)) }
      }
      if phase.kind != .approval {
        entry.costUSD = .samples(runs.map(\.costUSD))
        entry.tokens = .samples(runs.map { Double($0.tokens) })
        entry.seconds = .samples(runs.map(\.seconds))
      }
      model.phases[phase.name] = entry
      sources.append(Source(phase: phase.name, basis: basis, runs: runs.count, model: usedModel))
    }
    return (model, sources)
  }

  /// The simulated action a past run stands for (`""` for one that says nothing of the agent).
  static func action(of run: PastPhaseRun) -> String {
    switch run.action {
    case "INVALID_RESPONSE", "NO_RESPONSE": return AgentAction.stuck.rawValue
    case "INTERRUPTED", "HALTED": return ""
    default: return run.action
    }
  }
}
