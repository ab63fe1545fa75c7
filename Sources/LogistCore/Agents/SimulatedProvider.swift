import Foundation

/// What a dry run plays instead of a live agent or a render container: nothing is started (no
/// process, ssh connection or container). Its outcome is the role's most frequent action in the job's
/// history (else the phase kind's success: COMPLETED, or APPROVED for a review); its cost, tokens,
/// actions and time are the mean of the role's past runs in the job's ledger, else the role's
/// per-phase limits, else ``Projection``'s defaults; time without past runs is ``defaultSeconds`` (or
/// half the phase timeout when that is shorter). The history entry's `provider` is `simulated: <where the numbers
/// came from>`.
public struct SimulatedProvider: AgentProvider {
  /// Simulated time of a run when nothing else is known.
  public static let defaultSeconds = 60.0

  /// The role simulated.
  public let role: ResolvedRole

  /// A simulation of `role`.
  public init(role: ResolvedRole) { self.role = role }

  public var name: String { "simulated" }

  public func prepare(for manifest: Manifest, jobDirectory: URL) throws(LogistError) {}

  public func run(_ request: AgentRequest, clock: any EngineClock) -> AgentReply {
    let runs = RunCost.runs((try? Ledger(jobDirectory: request.jobDirectory).records()) ?? [])
    let estimate = Estimate(role: role, runs: runs.filter { $0.role == role.name })
    let action = Self.action(role.name, phase: request.manifest.phase, history: request.manifest.history)
    guard request.control.pause(estimate.seconds, clock: clock) else {
      var stopped = AgentReply.none("the run was stopped")
      stopped.answeredBy = "simulated: \(estimate.source)"
      return stopped
    }
    let usage = ReportedUsage(
      inputTokens: nil, outputTokens: estimate.tokens, cacheReadTokens: nil, cacheWriteTokens: nil,
      costUSD: estimate.costUSD, actions: estimate.actions)
    let response = AgentResponse(
      action: action,
      summary: "simulated \(action.rawValue) of role \(role.name) (\(role.role.provider.kind)), nothing started",
      evidenceFiles: nil, usage: usage)
    guard let raw = try? JSONCoding.encoder().encode(response) else { return .none("cannot encode a simulated answer") }
    var reply = AgentReply.answer(raw)
    reply.answeredBy = "simulated: \(estimate.source)"
    return reply
  }

  /// The role's most frequent agent action in `history` for this phase kind, else the kind's success.
  static func action(_ role: String, phase: Phase, history: [HistoryEntry]) -> AgentAction {
    let success: AgentAction = phase.kind == .review ? .approved : .completed
    var counts: [AgentAction: Int] = [:]
    for entry in history where entry.role == role && entry.actor == .agent {
      guard let action = AgentAction(rawValue: entry.action.rawValue), phase.allowedActions.contains(action) else {
        continue
      }
      counts[action, default: 0] += 1
    }
    let best = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
    return best.first?.key ?? success
  }

  /// The numbers of a simulated run and where they came from.
  struct Estimate {
    var costUSD: Double
    var tokens: Int
    var actions: Int
    var seconds: Double
    var source: String

    init(role: ResolvedRole, runs: [RunCost]) {
      if !runs.isEmpty {
        let count = Double(runs.count)
        costUSD = runs.map(\.usage.costUSD).reduce(0, +) / count
        tokens = Int((Double(runs.map(\.usage.totalTokens).reduce(0, +)) / count).rounded())
        actions = Int((Double(runs.map(\.usage.actions).reduce(0, +)) / count).rounded())
        seconds = runs.map(\.seconds).reduce(0, +) / count
        source = "the mean of its \(runs.count) past run\(runs.count == 1 ? "" : "s") in this job"
        return
      }
      let limits = role.role.limits
      costUSD = limits?.maxCostPerPhaseUSD ?? Projection.defaultCostUSD
      tokens = limits?.maxTokensPerPhase ?? Projection.defaultTokens
      actions = limits?.maxActionsPerPhase ?? Projection.defaultActions
      seconds = min((limits?.phaseTimeoutSeconds ?? .infinity) / 2, SimulatedProvider.defaultSeconds)
      let fromLimits =
        limits.map {
          $0.maxCostPerPhaseUSD != nil || $0.maxTokensPerPhase != nil || $0.maxActionsPerPhase != nil
            || $0.phaseTimeoutSeconds != nil
        } ?? false
      source =
        fromLimits
        ? "no past run: the role's per-phase limits, defaults for the rest"
        : "no past run and no role limits: defaults"
    }
  }
}
