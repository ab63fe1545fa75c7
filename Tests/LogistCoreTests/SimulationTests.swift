import Foundation
import Testing

@testable import LogistCore

/// The simulation against answers known in closed form, and the outcome model's checks.
@Suite struct SimulationTests {
  static let loop = [
    Phase(name: "implement", role: "worker", kind: .agent, maxAttempts: 3),
    Phase(name: "review", role: "supervisor", kind: .review, onReject: "implement", maxAttempts: 3),
  ]

  static func model(_ json: String) throws -> OutcomeModel {
    try OutcomeModel.load(Data(json.utf8), file: "model.json")
  }

  static let loopModel = """
    {"schemaVersion": 1, "phases": {
      "implement": {"actions": {"COMPLETED": 1}, "costUSD": {"fixed": 0.01}},
      "review": {"actions": {"APPROVED": 0.6, "REJECTED": 0.4}, "costUSD": {"fixed": 0.02}}}}
    """

  /// Per-phase costs the pre-flight projects: the model's own.
  static let perPhase = [
    "worker": RoleLimits(maxCostPerPhaseUSD: 0.01), "supervisor": RoleLimits(maxCostPerPhaseUSD: 0.02),
  ]

  static func start(_ phases: [Phase], limits: Limits? = nil) -> SimulationStart {
    SimulationStart(
      target: "test", phases: phases, limits: limits, roleLimits: perPhase,
      state: JobState.initial(phases: phases, draft: false))
  }

  static func simulate(_ start: SimulationStart, _ json: String, runs: Int = 20_000) throws -> SimulationReport {
    let outcomes = try model(json).resolve(start.phases, roleLimits: start.roleLimits)
    return Simulator.run(start, outcomes: outcomes, runs: runs, seed: 2026)
  }

  @Test func aReviewLoopSucceedsWithOneMinusTheChanceOfThreeRejections() throws {
    let report = try Self.simulate(Self.start(Self.loop), Self.loopModel)
    let success = report.status["succeeded"] ?? 0
    let error = report.standardErrors["status.succeeded"] ?? 0
    let exact = 1 - 0.4 * 0.4 * 0.4
    #expect(error > 0)
    #expect(abs(success - exact) <= 3 * error, "simulated \(success) ± \(error), exact \(exact)")
    #expect(abs((report.status["needs_intervention"] ?? 0) - (1 - exact)) <= 3 * error)
    #expect(abs(report.costUSD.p50 - 0.03) < 1e-9)
    #expect(abs(report.costUSD.max - 0.09) < 1e-9)
    #expect(report.paths.first?.path == "implement:COMPLETED > review:APPROVED")
    #expect(abs((report.paths.first?.probability ?? 0) - 0.6) <= 3 * (report.paths.first?.standardError ?? 0))
    let implementRuns = report.phases.first { $0.phase == "implement" }?.expectedRuns ?? 0
    #expect(abs(implementRuns - (1 + 0.4 + 0.16)) < 0.03, "expected runs 1 + 0.4 + 0.4², got \(implementRuns)")
  }

  @Test func aCostLimitHaltsBeforeThePhaseThatWouldCrossIt() throws {
    var limits = Limits()
    limits.maxCostUSD = 0.05
    let report = try Self.simulate(Self.start(Self.loop, limits: limits), Self.loopModel)
    // After implement, review, implement ($0.04), the next review (projected at the role's $0.02) would
    // cross $0.05: the pre-flight halts it. So every job rejected once halts.
    let halted = report.halts["cost"] ?? 0
    let error = report.standardErrors["halts.cost"] ?? 0
    #expect(abs(halted - 0.4) <= 3 * error, "halted \(halted) ± \(error)")
    #expect(abs((report.status["succeeded"] ?? 0) - 0.6) <= 3 * error)
    #expect(report.costUSD.max <= 0.05 + 1e-9, "no simulated job spends past the limit")
    #expect(report.paths.contains { $0.path.hasSuffix("review:halt:cost") })
  }

  @Test func aRetryLoopEndsWhenThePhaseUsesAllItsAttempts() throws {
    let solo = [Phase(name: "work", role: "worker", kind: .agent, maxAttempts: 5)]
    let report = try Self.simulate(
      Self.start(solo),
      """
      {"schemaVersion": 1, "roles": {"worker": {"actions": {"COMPLETED": 0.3, "RETRY": 0.7}, "costUSD": {"fixed": 1}}}}
      """)
    let exact = 1 - (0.7 * 0.7 * 0.7 * 0.7 * 0.7)
    let error = report.standardErrors["status.succeeded"] ?? 0
    #expect(abs((report.status["succeeded"] ?? 0) - exact) <= 3 * error)
    #expect(report.phaseRuns.max == 5)
    let mean = (1 - (0.7 * 0.7 * 0.7 * 0.7 * 0.7)) / 0.3
    #expect(abs(report.phaseRuns.mean - mean) < 0.05, "expected runs \(mean), got \(report.phaseRuns.mean)")
  }

  @Test func anApprovalGateTakesThePersonsDecision() throws {
    let gated = [
      Phase(name: "work", role: "worker", kind: .agent, maxAttempts: 2),
      Phase(name: "gate", role: "steward", kind: .approval, onReject: "work"),
    ]
    let report = try Self.simulate(
      Self.start(gated),
      """
      {"schemaVersion": 1, "phases": {"work": {"costUSD": {"fixed": 0.1}},
        "gate": {"actions": {"APPROVED": 0.5, "REJECTED": 0.5}}}}
      """)
    let error = report.standardErrors["status.succeeded"] ?? 0
    #expect(abs((report.status["succeeded"] ?? 0) - 0.75) <= 3 * error)
    #expect(report.costUSD.max <= 0.2 + 1e-9, "a person's decision costs nothing")
  }

  @Test func aJobMidRunCountsWhatItAlreadySpent() throws {
    var limits = Limits()
    limits.maxCostUSD = 0.05
    var start = Self.start(Self.loop, limits: limits)
    // Implement ran and review rejected once: attempt 2 of implement is next, $0.03 spent.
    start.state = JobState(
      status: .ready, currentPhase: "implement", attempt: 2, attempts: ["implement": 2, "review": 1])
    start.spent = Spend(totals: LedgerTotals(usage: Usage(costUSD: 0.03), seconds: 0), runs: 2, unpricedModel: nil)
    let report = try Self.simulate(start, Self.loopModel)
    #expect(report.spentBefore.costUSD == 0.03)
    #expect(abs(report.costUSD.p50 - 0.06) > 1e-9)
    // $0.03 + implement $0.01 = $0.04; the review, projected at $0.02, would cross $0.05: every job
    // halts before its second review, having spent $0.04 in all.
    #expect(report.halts["cost"] == 1)
    #expect(abs(report.costUSD.max - 0.04) < 1e-9)
  }

  @Test func theSameSeedGivesTheSameReport() throws {
    let one = try Self.simulate(Self.start(Self.loop), Self.loopModel, runs: 500)
    let two = try Self.simulate(Self.start(Self.loop), Self.loopModel, runs: 500)
    #expect(one == two)
  }

  @Test(arguments: [
    (
      #"{"schemaVersion": 1, "phases": {"review": {"actions": {"APPROVED": 0.6, "REJECTED": 0.3}}}}"#,
      "model.json: phases.review.actions: the probabilities sum to 0.9"
    ),
    (
      #"{"schemaVersion": 1, "phases": {"review": {"actions": {"COMPLETED": 1}}}}"#,
      "model.json: phases.review.actions: COMPLETED is not an outcome of phase review"
    ),
    (
      #"{"schemaVersion": 1, "phases": {"revew": {"actions": {"APPROVED": 1}}}}"#,
      "model.json: phases.revew is not a phase of the strategy"
    ),
    (
      #"{"schemaVersion": 1, "roles": {"worker": {"costUSD": {"uniform": [2, 1]}}}}"#,
      "model.json: roles.worker.costUSD.uniform: the first bound"
    ),
    (#"{"schemaVersion": 1, "roles": {"worker": {"costUSD": {"normal": 1}}}}"#, "model.json: "),
  ])
  func aBadModelIsRefusedNamingTheFileAndField(_ json: String, _ message: String) {
    let refusal = Self.refusal(json)
    #expect(refusal?.hasPrefix(message) == true, "\(refusal ?? "accepted")")
    #expect(refusal?.contains("\n") == false)
  }

  /// Why loading and resolving `json` against the review loop fails; nil when it does not.
  static func refusal(_ json: String) -> String? {
    do throws(LogistError) {
      let model = try OutcomeModel.load(Data(json.utf8), file: "model.json")
      _ = try model.resolve(loop, roleLimits: [:])
      return nil
    } catch {
      return error.message
    }
  }

  @Test func withoutAModelEveryPhaseSucceedsAtItsRolesPerPhaseCost() throws {
    let start = SimulationStart(
      target: "test", phases: Self.loop, limits: nil,
      roleLimits: ["worker": RoleLimits(maxCostPerPhaseUSD: 0.25, maxTokensPerPhase: 1000)],
      state: JobState.initial(phases: Self.loop, draft: false))
    let outcomes = try OutcomeModel().resolve(Self.loop, roleLimits: start.roleLimits)
    let report = Simulator.run(start, outcomes: outcomes, runs: 10, seed: 1)
    #expect(report.status == ["succeeded": 1])
    #expect(abs(report.costUSD.p50 - (0.25 + Projection.defaultCostUSD)) < 1e-9)
    #expect(report.tokens.p50 == Double(1000 + Projection.defaultTokens))
  }
}

/// `--target-success`: the smallest budget, found over the same simulated jobs.
@Suite struct BudgetSearchTests {
  @Test func theSmallestCostLimitReachingTheTargetIsFound() throws {
    let start = SimulationTests.start(SimulationTests.loop, limits: nil)
    let outcomes = try SimulationTests.model(SimulationTests.loopModel).resolve(
      start.phases, roleLimits: start.roleLimits)
    // Round k (implement + review) ends at $0.03·k: $0.06 allows two rounds, 1 − 0.4² = 0.84 ≥ 0.8.
    let found = BudgetSearch.smallestCost(start, outcomes: outcomes, runs: 4000, seed: 9, target: 0.8)
    let budget = try #require(found).maxCostUSD
    #expect(budget >= 0.06 - 1e-9 && budget <= 0.07 + 1e-9, "budget \(budget)")
    #expect((found?.success ?? 0) >= 0.8)
    var below = start
    below.limits = Limits()
    below.limits?.maxCostUSD = budget - BudgetSearch.toleranceUSD
    let report = Simulator.run(below, outcomes: outcomes, runs: 4000, seed: 9)
    #expect((report.status["succeeded"] ?? 0) < 0.8, "one cent less must miss the target")
    #expect(found?.maxWallSeconds == nil, "the model's phases take no time: no wall-time limit searched")
  }

  @Test func whenTheModelHasTimeTheSmallestWallTimeIsFoundToo() throws {
    let start = SimulationTests.start(SimulationTests.loop, limits: nil)
    let timed = """
      {"schemaVersion": 1, "phases": {
        "implement": {"actions": {"COMPLETED": 1}, "costUSD": {"fixed": 0.01}, "seconds": {"fixed": 10}},
        "review": {"actions": {"APPROVED": 0.6, "REJECTED": 0.4}, "costUSD": {"fixed": 0.02}, "seconds": {"fixed": 20}}}}
      """
    let outcomes = try SimulationTests.model(timed).resolve(start.phases, roleLimits: start.roleLimits)
    // Round k ends at 30·k seconds: 60 s allows two rounds, 1 − 0.4² = 0.84 ≥ 0.8; 59 s only one.
    let found = try #require(BudgetSearch.smallestCost(start, outcomes: outcomes, runs: 4000, seed: 9, target: 0.8))
    #expect(found.maxWallSeconds == 60, "\(found)")
    #expect(found.toleranceSeconds == BudgetSearch.toleranceSeconds)
    #expect(found.success >= 0.8)
    var below = start
    below.limits = Limits()
    below.limits?.maxCostUSD = found.maxCostUSD
    below.limits?.maxWallSeconds = 59
    let report = Simulator.run(below, outcomes: outcomes, runs: 4000, seed: 9)
    #expect((report.status["succeeded"] ?? 0) < 0.8, "one second less must miss the target")
  }

  @Test func noBudgetIsRecommendedWhenOtherEndsStopTooManyJobs() throws {
    let start = SimulationTests.start(SimulationTests.loop, limits: nil)
    let outcomes = try SimulationTests.model(SimulationTests.loopModel).resolve(
      start.phases, roleLimits: start.roleLimits)
    #expect(BudgetSearch.smallestCost(start, outcomes: outcomes, runs: 2000, seed: 9, target: 0.99) == nil)
  }
}

/// `--from-history`: runs of the role's own model first.
@Suite struct HistoryFitTests {
  static func run(_ action: String, model: String?) -> PastPhaseRun {
    PastPhaseRun(
      phase: "review", role: "supervisor", model: model, actor: "agent", action: action, costUSD: 0.02,
      tokens: 100, seconds: 1)
  }

  @Test func runsOfTheRolesModelArePreferredWhenThereAreEnough() throws {
    let history =
      Array(repeating: Self.run("APPROVED", model: "old"), count: 5)
      + Array(repeating: Self.run("REJECTED", model: "new"), count: 5)
    let review = SimulationTests.loop[1]
    let byModel = HistoryFit.model(history, phases: [review], roleModels: ["supervisor": "new"])
    #expect(byModel.sources == [HistoryFit.Source(phase: "review", basis: "phase", runs: 5, model: "new")])
    #expect(byModel.model.phases["review"]?.actions == [PhaseOutcome.ActionChance(action: "REJECTED", probability: 1)])
    // Too few runs of the role's model: every model's runs, and no model named.
    let other = HistoryFit.model(history, phases: [review], roleModels: ["supervisor": "newest"])
    #expect(other.sources == [HistoryFit.Source(phase: "review", basis: "phase", runs: 10, model: nil)])
  }
}
