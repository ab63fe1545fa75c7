/// The limit rules, as pure functions over limits and amounts.
public enum LimitCheck {
  /// The budgeted limits with their values, in checking order.
  public static func values(_ limits: Limits) -> [(LimitKind, Double)] {
    var result: [(LimitKind, Double)] = []
    if let value = limits.maxPhaseRuns { result.append((.phaseRuns, Double(value))) }
    if let value = limits.maxCostUSD { result.append((.cost, value)) }
    if let value = limits.maxTokens { result.append((.tokens, Double(value))) }
    if let value = limits.maxActions { result.append((.actions, Double(value))) }
    if let value = limits.maxWallSeconds { result.append((.wallTime, value)) }
    return result
  }

  /// Before a phase starts: the first limit that what was used plus what the phase is projected to use would
  /// cross. An unknown cost under a cost limit always halts.
  public static func beforePhase(_ limits: Limits, spent: Spend, projection: Projection, phase: String)
    -> HaltReason?
  {
    for (kind, limit) in values(limits) {
      let projected: Double
      switch kind {
      case .phaseRuns: projected = 1
      case .cost: projected = projection.costUSD
      case .tokens: projected = Double(projection.tokens)
      case .actions: projected = Double(projection.actions)
      case .wallTime: projected = projection.seconds
      case .noProgress, .ledger: continue
      }
      let observed = spent.observed(kind)
      var reason = HaltReason(kind: kind, limit: limit, observed: observed, projected: projected, phase: phase)
      if kind == .cost, let model = spent.unpricedModel {
        reason.unpricedModel = model
        return reason
      }
      if kind == .wallTime ? observed >= limit || observed + projected > limit : observed + projected > limit {
        return reason
      }
    }
    return nil
  }

  /// The pre-flight of the next run of `phase` (played by `role`, whose per-phase limits are `roleLimits`):
  /// its projection from the job's `pastRuns`, checked by ``beforePhase(_:spent:projection:phase:)``.
  /// The engine's `job run` and `logist simulate` both call this one function.
  public static func preflight(
    _ limits: Limits?, role: String, roleLimits: RoleLimits?, spent: Spend, pastRuns: [RunCost], phase: String
  ) -> HaltReason? {
    guard let limits else { return nil }
    let projection = Projection(role: role, limits: roleLimits, pastRuns: pastRuns)
    return beforePhase(limits, spent: spent, projection: projection, phase: phase)
  }

  /// How long a run of `phase` may take before it is stopped: the phase timeout (`phaseTimeoutSeconds` of
  /// the job, else of the role; `halt` nil) or the rest of the wall-time budget (`halt` the wall-time
  /// halt), whichever comes first; nil when neither is set.
  public static func deadline(_ limits: Limits?, roleLimits: RoleLimits?, spent: Spend, phase: String) -> (
    seconds: Double, halt: HaltReason?
  )? {
    var best: (seconds: Double, halt: HaltReason?)?
    if let timeout = limits?.phaseTimeoutSeconds ?? roleLimits?.phaseTimeoutSeconds { best = (timeout, nil) }
    if let wall = limits?.maxWallSeconds {
      let left = max(0, wall - spent.totals.seconds)
      if best == nil || left < (best?.seconds ?? .infinity) {
        best = (left, HaltReason(kind: .wallTime, limit: wall, observed: wall, phase: phase))
      }
    }
    return best
  }

  /// After (or while) a phase runs: the first limit already crossed. Phase runs are not checked here:
  /// the run that is counted was allowed to start.
  public static func crossed(_ limits: Limits, spent: Spend, phase: String) -> HaltReason? {
    for (kind, limit) in values(limits) where kind != .phaseRuns {
      let observed = spent.observed(kind)
      var reason = HaltReason(kind: kind, limit: limit, observed: observed, phase: phase)
      if kind == .cost, let model = spent.unpricedModel {
        reason.unpricedModel = model
        return reason
      }
      if kind == .wallTime ? observed >= limit : observed > limit { return reason }
    }
    return nil
  }

  /// Limits whose `warnAt` fraction (default 0.8) has been reached and that were not reported yet.
  public static func newWarnings(_ limits: Limits, spent: Spend, reported: [String]) -> [(
    kind: LimitKind, observed: Double, limit: Double
  )] {
    let fraction = limits.warnAt ?? 0.8
    return values(limits).compactMap { kind, limit in
      let observed = spent.observed(kind)
      guard !reported.contains(kind.key), observed >= fraction * limit else { return nil }
      return (kind, observed, limit)
    }
  }

  /// Whether the last `limit` runs of a phase (given oldest first as action and workspace tree) all ended
  /// with the same action and the same tree.
  public static func noProgress(_ runs: [(action: RunOutcome, tree: String?)], limit: Int) -> Bool {
    guard limit >= 1, runs.count >= limit else { return false }
    let last = runs.suffix(limit)
    guard let first = last.first, let tree = first.tree else { return false }
    return last.allSatisfy { $0.action == first.action && $0.tree == tree }
  }
}
