/// Where simulated runs start: a strategy, its limits, and the state and spend of a job (a fresh one for a
/// template, the job's own for a job id).
public struct SimulationStart: Sendable, Equatable {
  /// What is simulated: the template directory or the job id.
  public var target: String
  /// The strategy.
  public var phases: [Phase]
  /// The job's limits.
  public var limits: Limits?
  /// Each role's per-phase limits, by role name (roles without any are absent).
  public var roleLimits: [String: RoleLimits]
  /// Each role's model, by role name (for `--from-history`: runs of the same model are preferred).
  public var roleModels: [String: String] = [:]
  /// The state the runs start from.
  public var state: JobState
  /// What was used before the simulation (zero for a template).
  public var spent: Spend
  /// The job's past phase runs, for the pre-flight projection.
  public var pastRuns: [RunCost]
  /// A halt that a pre-flight cannot lift (a tampered ledger, no progress): a halted job stays halted, a
  /// ready one halts before its next run, as the engine does.
  public var blockingHalt: LimitKind?

  /// Makes a start.
  public init(
    target: String, phases: [Phase], limits: Limits?, roleLimits: [String: RoleLimits], state: JobState,
    spent: Spend = Spend(totals: .zero, runs: 0, unpricedModel: nil), pastRuns: [RunCost] = []
  ) {
    self.target = target
    self.phases = phases
    self.limits = limits
    self.roleLimits = roleLimits
    self.state = state
    self.spent = spent
    self.pastRuns = pastRuns
  }
}
