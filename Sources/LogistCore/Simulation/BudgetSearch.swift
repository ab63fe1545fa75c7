/// `simulate --target-success P`: the smallest `maxCostUSD` at which simulated jobs succeed with
/// probability at least P.
public enum BudgetSearch {
  /// The search's step (US dollars): budgets are whole multiples of it.
  public static let toleranceUSD = 0.01

  /// A budget found, with the success it reaches over the same simulated jobs.
  public struct Recommendation: Codable, Sendable, Equatable {
    /// The smallest `maxCostUSD`, in whole steps of ``toleranceUSD``, that reaches the target.
    public var maxCostUSD: Double
    /// The share of simulated jobs that succeed with it.
    public var success: Double
    /// Its standard error.
    public var standardError: Double
    /// The search's tolerance, in US dollars.
    public var toleranceUSD: Double
  }

  /// Bisects `maxCostUSD` (in steps of ``toleranceUSD``) between what the job already spent and the most a job costs with no cost limit,
  /// over the same `runs` jobs drawn from `seed` at every step. Nil when even no cost limit does not reach
  /// `target` (another end, not the budget, stops the jobs).
  public static func smallestCost(
    _ start: SimulationStart, outcomes: [String: PhaseOutcome], runs: Int, seed: UInt64, target: Double
  ) -> Recommendation? {
    func withCost(_ cost: Double?) -> SimulationStart {
      var trial = start
      var limits = start.limits ?? Limits()
      limits.maxCostUSD = cost
      trial.limits = limits
      return trial
    }
    func success(_ cost: Double?) -> Double {
      let results = Simulator.simulate(withCost(cost), outcomes: outcomes, runs: runs, seed: seed)
      return Double(results.filter { $0.status == .succeeded }.count) / Double(max(1, runs))
    }
    let unlimited = Simulator.simulate(withCost(nil), outcomes: outcomes, runs: runs, seed: seed)
    guard Double(unlimited.filter { $0.status == .succeeded }.count) / Double(max(1, runs)) >= target else {
      return nil
    }
    // In whole steps of the tolerance (cents). Above the most any job costs, only the pre-flight's
    // projections can still halt a job: double until they no longer stop too many.
    let step = toleranceUSD
    var low = Int((start.spent.totals.usage.costUSD / step).rounded(.down))
    var high = Int(((unlimited.map(\.costUSD).max() ?? 0) / step).rounded(.up)) + 1
    if success(Double(low) * step) >= target { high = low }
    var doublings = 0
    while high > low, success(Double(high) * step) < target {
      guard doublings < 40 else { return nil }
      low = high
      high *= 2
      doublings += 1
    }
    while high - low > 1 {
      let middle = (low + high) / 2
      if success(Double(middle) * step) >= target { high = middle } else { low = middle }
    }
    let budget = Double(high) * step
    let reached = success(budget)
    let estimate = Estimate(count: Int((reached * Double(runs)).rounded()), runs: runs)
    return Recommendation(
      maxCostUSD: budget, success: estimate.probability, standardError: estimate.standardError,
      toleranceUSD: toleranceUSD)
  }
}
