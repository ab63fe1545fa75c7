/// `simulate --target-success P`: the smallest `maxCostUSD` (and, when the model has time, the smallest
/// `maxWallSeconds` with it) at which simulated jobs succeed with probability at least P.
public enum BudgetSearch {
  /// The cost search's step (US dollars): budgets are whole multiples of it.
  public static let toleranceUSD = 0.01
  /// The wall-time search's step (seconds).
  public static let toleranceSeconds = 1.0

  /// A budget found, with the success it reaches over the same simulated jobs.
  public struct Recommendation: Codable, Sendable, Equatable {
    /// The smallest `maxCostUSD`, in whole steps of ``toleranceUSD``, that reaches the target.
    public var maxCostUSD: Double
    /// With that cost: the smallest `maxWallSeconds`, in whole steps of ``toleranceSeconds``, that
    /// still reaches it; nil when the model's phases take no time.
    public var maxWallSeconds: Double?
    /// The share of simulated jobs that succeed with both.
    public var success: Double
    /// Its standard error.
    public var standardError: Double
    /// The cost search's tolerance, in US dollars.
    public var toleranceUSD: Double
    /// The wall-time search's tolerance, in seconds (with ``maxWallSeconds``).
    public var toleranceSeconds: Double?
  }

  /// Searches `maxCostUSD` with no wall-time limit, then `maxWallSeconds` with that cost, over the same
  /// `runs` jobs drawn from `seed` at every step. Nil when even no cost limit does not reach `target`
  /// (another end, not the budget, stops the jobs).
  public static func smallestCost(
    _ start: SimulationStart, outcomes: [String: PhaseOutcome], runs: Int, seed: UInt64, target: Double
  ) -> Recommendation? {
    func trial(cost: Double?, wall: Double?) -> [SimulatedRun] {
      var trial = start
      var limits = start.limits ?? Limits()
      limits.maxCostUSD = cost
      limits.maxWallSeconds = wall
      trial.limits = limits
      return Simulator.simulate(trial, outcomes: outcomes, runs: runs, seed: seed)
    }
    func success(cost: Double?, wall: Double?) -> Double {
      Double(trial(cost: cost, wall: wall).filter { $0.status == .succeeded }.count) / Double(max(1, runs))
    }
    let unlimited = trial(cost: nil, wall: nil)
    guard Double(unlimited.filter { $0.status == .succeeded }.count) / Double(max(1, runs)) >= target else {
      return nil
    }
    let spent = start.spent.totals
    guard
      let cents = smallestStep(
        from: Int((spent.usage.costUSD / toleranceUSD).rounded(.down)),
        above: Int(((unlimited.map(\.costUSD).max() ?? 0) / toleranceUSD).rounded(.up)) + 1,
        reaches: { success(cost: Double($0) * toleranceUSD, wall: nil) >= target })
    else { return nil }
    let budget = Double(cents) * toleranceUSD
    var wall: Double?
    if (unlimited.map(\.seconds).max() ?? 0) > spent.seconds {
      wall = smallestStep(
        from: Int((spent.seconds / toleranceSeconds).rounded(.down)),
        above: Int(((unlimited.map(\.seconds).max() ?? 0) / toleranceSeconds).rounded(.up)) + 1,
        reaches: { success(cost: budget, wall: Double($0) * toleranceSeconds) >= target }
      ).map { Double($0) * toleranceSeconds }
    }
    let reached = success(cost: budget, wall: wall)
    let estimate = Estimate(count: Int((reached * Double(runs)).rounded()), runs: runs)
    return Recommendation(
      maxCostUSD: budget, maxWallSeconds: wall, success: estimate.probability,
      standardError: estimate.standardError, toleranceUSD: toleranceUSD,
      toleranceSeconds: wall == nil ? nil : toleranceSeconds)
  }

  /// The smallest whole step at or above `low` that `reaches`, bisecting up to `high` (the most any
  /// job takes). Above it only the pre-flight's projections can still halt a job: doubles until they no
  /// longer stop too many. Nil when 40 doublings do not reach it.
  static func smallestStep(from low: Int, above high: Int, reaches: (Int) -> Bool) -> Int? {
    var (low, high) = (low, max(high, low))
    if reaches(low) { return low }
    var doublings = 0
    while !reaches(high) {
      guard doublings < 40 else { return nil }
      low = high
      high = max(1, high * 2)
      doublings += 1
    }
    while high - low > 1 {
      let middle = (low + high) / 2
      if reaches(middle) { high = middle } else { low = middle }
    }
    return high
  }
}
