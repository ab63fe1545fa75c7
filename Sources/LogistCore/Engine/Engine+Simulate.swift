import Foundation

extension Engine {
  /// Where `logist simulate` starts for a template directory: a fresh job of the template, its roles
  /// resolved as `job create` would (the template's `roles/`, the roles directory, the built-ins).
  public func simulationStart(template directory: URL) throws(LogistError) -> SimulationStart {
    let template = try JobCreator.template(for: JobRequest(id: "simulated", template: directory))
    let registry = try registry(template: directory)
    var roleLimits: [String: RoleLimits] = [:]
    var roleModels: [String: String] = [:]
    for (index, phase) in template.phases.enumerated() {
      let role = try registry.role(phase.role, for: "phases[\(index)] \(phase.name)")
      if let limits = role.role.limits { roleLimits[phase.role] = limits }
      roleModels[phase.role] = role.role.model
    }
    var start = SimulationStart(
      target: directory.path, phases: template.phases, limits: template.limits, roleLimits: roleLimits,
      state: JobState.initial(phases: template.phases, draft: false))
    start.roleModels = roleModels
    return start
  }

  /// Where `logist simulate` starts for job `id`: its current state, its frozen roles, what its ledger
  /// says it used, its past runs (for projections) and the attempts it used. A draft starts as activated.
  public func simulationStart(job id: String) throws(LogistError) -> SimulationStart {
    let job = try inspect(id)
    let roles = try jobRoles(job, freeze: false)
    var roleLimits: [String: RoleLimits] = [:]
    var roleModels: [String: String] = [:]
    for phase in job.phases {
      let role = try roles.role(phase.role, for: phase.name).role
      if let limits = role.limits { roleLimits[phase.role] = limits }
      roleModels[phase.role] = role.model
    }
    let (spent, runs, damage) = try spend(job)
    var state = job.state
    if state.status == .draft {
      state = try transition(job, .activate)
    }
    var blocking: LimitKind?
    if damage != nil || job.halt?.kind == .ledger {
      blocking = .ledger
    } else if let halt = job.halt, halt.kind == .noProgress, Double(job.limits?.noProgressRuns ?? 3) <= halt.observed {
      blocking = .noProgress
    }
    var start = SimulationStart(
      target: id, phases: job.phases, limits: job.limits, roleLimits: roleLimits, state: state, spent: spent,
      pastRuns: runs)
    start.blockingHalt = blocking
    start.roleModels = roleModels
    return start
  }
}
