import Foundation

/// An outcome model file (`Schemas/outcome-model.schema.json`): per phase name or per role, the chance of
/// each action and the distributions of cost, tokens, seconds and agent actions of one run.
public struct OutcomeModel: Sendable, Equatable {
  /// An entry as written: any key may be missing (the default fills it in).
  public struct Entry: Sendable, Equatable {
    /// Action probabilities, in ``PhaseOutcome/actionOrder``.
    public var actions: [PhaseOutcome.ActionChance]?
    /// Cost of one run.
    public var costUSD: Distribution?
    /// Tokens of one run.
    public var tokens: Distribution?
    /// Seconds of one run.
    public var seconds: Distribution?
    /// Agent actions of one run.
    public var agentActions: Distribution?
  }

  /// Entries by phase name (these win).
  public var phases: [String: Entry] = [:]
  /// Entries by role name.
  public var roles: [String: Entry] = [:]
  /// The file it came from, for errors.
  public var file: String = "(default model)"

  /// No entries: every phase gets ``PhaseOutcome/standard(for:roleLimits:)``.
  public init() {}

  /// Reads and checks a model file: the schema, then that every entry's probabilities sum to 1.
  public static func load(_ data: Data, file: String) throws(LogistError) -> OutcomeModel {
    let value = try SchemaCatalog.check(data, file: file, against: .outcomeModel)
    var model = OutcomeModel()
    model.file = file
    for (group, key) in [("phases", \OutcomeModel.phases), ("roles", \OutcomeModel.roles)] {
      for (name, entry) in value[group]?.objectValue ?? [:] {
        model[keyPath: key][name] = try parse(entry, field: "\(file): \(group).\(name)")
      }
    }
    return model
  }

  private static func parse(_ value: JSONValue, field: String) throws(LogistError) -> Entry {
    var entry = Entry()
    if let actions = value["actions"]?.objectValue {
      let chances = PhaseOutcome.actionOrder.compactMap { name in
        actions[name]?.doubleValue.map { PhaseOutcome.ActionChance(action: name, probability: $0) }
      }
      let sum = chances.map(\.probability).reduce(0, +)
      guard abs(sum - 1) <= 1e-9 else {
        throw .invalid(
          "\(field).actions: the probabilities sum to \((sum * 1e9).rounded() / 1e9), not 1; make them add up to 1")
      }
      entry.actions = chances
    }
    func distribution(_ key: String) throws(LogistError) -> Distribution? {
      guard let inner = value[key] else { return nil }
      return try Distribution.parse(inner, field: "\(field).\(key)")
    }
    entry.costUSD = try distribution("costUSD")
    entry.tokens = try distribution("tokens")
    entry.seconds = try distribution("seconds")
    entry.agentActions = try distribution("agentActions")
    return entry
  }

  /// The outcome of every phase of a strategy: the phase's entry, else its role's, each missing key filled
  /// from ``PhaseOutcome/standard(for:roleLimits:)``. Refuses an entry for a phase the strategy does not
  /// have, and actions a phase's kind cannot end with.
  public func resolve(_ phases: [Phase], roleLimits: [String: RoleLimits]) throws(LogistError) -> [String:
    PhaseOutcome]
  {
    let names = phases.map(\.name)
    for name in self.phases.keys.sorted() where !names.contains(name) {
      throw .invalid(
        "\(file): phases.\(name) is not a phase of the strategy (its phases: \(names.joined(separator: ", ")))")
    }
    var result: [String: PhaseOutcome] = [:]
    for phase in phases {
      var outcome = PhaseOutcome.standard(for: phase, roleLimits: roleLimits[phase.role])
      let byPhase = self.phases[phase.name]
      let byRole = roles[phase.role]
      let field = byPhase?.actions != nil ? "phases.\(phase.name)" : "roles.\(phase.role)"
      if let actions = byPhase?.actions ?? byRole?.actions {
        let allowed = PhaseOutcome.allowed(for: phase.kind)
        for chance in actions where chance.probability > 0 && !allowed.contains(chance.action) {
          throw .invalid(
            "\(file): \(field).actions: \(chance.action) is not an outcome of phase \(phase.name) "
              + "(kind \(phase.kind.rawValue)); use \(allowed.joined(separator: ", "))")
        }
        outcome.actions = actions
      }
      if let value = byPhase?.costUSD ?? byRole?.costUSD { outcome.costUSD = value }
      if let value = byPhase?.tokens ?? byRole?.tokens { outcome.tokens = value }
      if let value = byPhase?.seconds ?? byRole?.seconds { outcome.seconds = value }
      if let value = byPhase?.agentActions ?? byRole?.agentActions { outcome.agentActions = value }
      result[phase.name] = outcome
    }
    return result
  }
}
