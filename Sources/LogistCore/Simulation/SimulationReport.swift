/// What a simulation found: the chance of each end, the spread of what jobs use, the likely paths.
/// Totals are job totals: what a job had spent before the simulation is included.
public struct SimulationReport: Codable, Sendable, Equatable {
  /// The template directory or job id simulated.
  public var target: String
  /// Simulated jobs.
  public var runs: Int
  /// The seed that repeats this report.
  public var seed: UInt64
  /// What the job had used before the simulation started.
  public var spentBefore: Spent
  /// Final status → probability.
  public var status: [String: Double]
  /// Halt kind → probability (among all runs).
  public var halts: [String: Double]
  /// Standard errors of ``status`` and ``halts``, keyed `status.NAME` and `halts.KIND`.
  public var standardErrors: [String: Double]
  /// Job cost in US dollars.
  public var costUSD: Summary
  /// Job tokens.
  public var tokens: Summary
  /// Job phase-run seconds.
  public var seconds: Summary
  /// Job agent phase runs.
  public var phaseRuns: Summary
  /// Expected runs of each phase in one simulated job (strategy order).
  public var phases: [PhaseRuns]
  /// The most likely paths, most likely first (at most ``pathLimit``).
  public var paths: [PathShare]
  /// Cost histogram: ``histogramBins`` equal bins from the least to the greatest cost.
  public var costHistogram: [Bin]
  /// With `--target-success`: the smallest `maxCostUSD` reaching it (absent when none does).
  public var recommended: BudgetSearch.Recommendation?
  /// With `--target-success`: the success probability asked for.
  public var targetSuccess: Double?
  /// With `--from-history`: where each phase's outcome came from.
  public var modelSources: [HistoryFit.Source]?

  /// What was used before.
  public struct Spent: Codable, Sendable, Equatable {
    /// Cost.
    public var costUSD: Double
    /// Tokens.
    public var tokens: Int
    /// Seconds.
    public var seconds: Double
    /// Agent phase runs.
    public var phaseRuns: Int
  }

  /// A phase and how often one job runs it.
  public struct PhaseRuns: Codable, Sendable, Equatable {
    /// Phase name.
    public var phase: String
    /// Mean runs per simulated job.
    public var expectedRuns: Double
  }

  /// A path (`phase:ACTION` steps joined by ` > `) and its probability.
  public struct PathShare: Codable, Sendable, Equatable {
    /// The steps.
    public var path: String
    /// Share of runs.
    public var probability: Double
    /// Its standard error.
    public var standardError: Double
  }

  /// One histogram bin: runs whose cost lies in [from, to) (the last bin includes `to`).
  public struct Bin: Codable, Sendable, Equatable {
    /// Lower bound.
    public var from: Double
    /// Upper bound.
    public var to: Double
    /// Runs in it.
    public var count: Int
  }

  /// Paths listed.
  public static let pathLimit = 5
  /// Histogram bins.
  public static let histogramBins = 10

  /// The report of simulated `runs` from `start`.
  public init(start: SimulationStart, runs results: [SimulatedRun], seed: UInt64) {
    let count = results.count
    target = start.target
    runs = count
    self.seed = seed
    let before = start.spent
    spentBefore = Spent(
      costUSD: before.totals.usage.costUSD, tokens: before.totals.usage.totalTokens, seconds: before.totals.seconds,
      phaseRuns: before.runs)
    var statusCounts: [String: Int] = [:]
    var haltCounts: [String: Int] = [:]
    var pathCounts: [String: Int] = [:]
    var phaseTotals: [String: Int] = [:]
    for run in results {
      statusCounts[run.status.rawValue, default: 0] += 1
      if let halt = run.halt { haltCounts[halt.rawValue, default: 0] += 1 }
      pathCounts[run.path.joined(separator: " > "), default: 0] += 1
      for (phase, runs) in run.runsByPhase { phaseTotals[phase, default: 0] += runs }
    }
    var errors: [String: Double] = [:]
    status = statusCounts.mapValues { Estimate(count: $0, runs: count).probability }
    halts = haltCounts.mapValues { Estimate(count: $0, runs: count).probability }
    for (name, value) in statusCounts { errors["status.\(name)"] = Estimate(count: value, runs: count).standardError }
    for (name, value) in haltCounts { errors["halts.\(name)"] = Estimate(count: value, runs: count).standardError }
    standardErrors = errors
    costUSD = Summary(results.map(\.costUSD))
    tokens = Summary(results.map(\.tokens))
    seconds = Summary(results.map(\.seconds))
    phaseRuns = Summary(results.map { Double($0.phaseRuns) })
    phases = start.phases.map {
      PhaseRuns(phase: $0.name, expectedRuns: Double(phaseTotals[$0.name] ?? 0) / Double(Swift.max(1, count)))
    }
    paths = pathCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(Self.pathLimit).map { path, hits in
        let estimate = Estimate(count: hits, runs: count)
        return PathShare(path: path, probability: estimate.probability, standardError: estimate.standardError)
      }
    costHistogram = Self.histogram(results.map(\.costUSD))
  }

  private static func histogram(_ values: [Double]) -> [Bin] {
    guard let low = values.min(), let high = values.max() else { return [] }
    guard high > low else { return [Bin(from: low, to: high, count: values.count)] }
    let width = (high - low) / Double(histogramBins)
    var counts = Array(repeating: 0, count: histogramBins)
    for value in values { counts[Swift.min(histogramBins - 1, Int((value - low) / width))] += 1 }
    return counts.enumerated().map { index, hits in
      Bin(from: low + Double(index) * width, to: low + Double(index + 1) * width, count: hits)
    }
  }
}
