/// `simulate --compare`: two strategies simulated with the same model, runs and seed, and how far apart
/// their results are against the noise of the simulation.
public struct SimulationComparison: Codable, Sendable, Equatable {
  /// The first strategy's report.
  public var a: SimulationReport
  /// The second's.
  public var b: SimulationReport
  /// B − A for every status and halt probability and the mean cost, tokens, seconds and phase runs.
  public var differences: [Difference]

  /// A difference is beyond the noise when it exceeds this many standard errors.
  public static let noiseStandardErrors = 2.0

  /// One compared quantity.
  public struct Difference: Codable, Sendable, Equatable {
    /// `status.NAME`, `halts.KIND`, `costUSD.mean`, `tokens.mean`, `seconds.mean`, `phaseRuns.mean`.
    public var key: String
    /// A's value.
    public var a: Double
    /// B's value.
    public var b: Double
    /// B − A.
    public var difference: Double
    /// The standard error of the difference: √(seA² + seB²).
    public var standardError: Double
    /// Whether |difference| exceeds ``noiseStandardErrors`` standard errors.
    public var beyondNoise: Bool

    init(key: String, a: Double, b: Double, errorA: Double, errorB: Double) {
      self.key = key
      self.a = a
      self.b = b
      difference = b - a
      standardError = (errorA * errorA + errorB * errorB).squareRoot()
      beyondNoise = abs(b - a) > SimulationComparison.noiseStandardErrors * standardError && b != a
    }
  }

  /// Compares the simulated jobs `runsA` (reported as `a`) with `runsB` (`b`).
  public init(a: SimulationReport, runsA: [SimulatedRun], b: SimulationReport, runsB: [SimulatedRun]) {
    self.a = a
    self.b = b
    var rows: [Difference] = []
    for group in ["status", "halts"] {
      let valuesA = group == "status" ? a.status : a.halts
      let valuesB = group == "status" ? b.status : b.halts
      for name in Set(valuesA.keys).union(valuesB.keys).sorted() {
        let key = "\(group).\(name)"
        rows.append(
          Difference(
            key: key, a: valuesA[name] ?? 0, b: valuesB[name] ?? 0, errorA: a.standardErrors[key] ?? 0,
            errorB: b.standardErrors[key] ?? 0))
      }
    }
    let measures: [(String, (SimulatedRun) -> Double)] = [
      ("costUSD.mean", \.costUSD), ("tokens.mean", \.tokens), ("seconds.mean", \.seconds),
      ("phaseRuns.mean", { Double($0.phaseRuns) }),
    ]
    for (key, value) in measures {
      let (meanA, errorA) = Self.mean(runsA.map(value))
      let (meanB, errorB) = Self.mean(runsB.map(value))
      rows.append(Difference(key: key, a: meanA, b: meanB, errorA: errorA, errorB: errorB))
    }
    differences = rows
  }

  /// The mean of `values` and its standard error (sample standard deviation / √n).
  static func mean(_ values: [Double]) -> (mean: Double, standardError: Double) {
    guard values.count > 1 else { return (values.first ?? 0, 0) }
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, (variance / n).squareRoot())
  }
}
