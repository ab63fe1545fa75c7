/// A distribution's summary: mean, percentiles (nearest rank) and maximum.
public struct Summary: Codable, Sendable, Equatable {
  /// Mean.
  public var mean: Double
  /// Median.
  public var p50: Double
  /// 90th percentile.
  public var p90: Double
  /// 99th percentile.
  public var p99: Double
  /// Maximum.
  public var max: Double

  /// The summary of `values` (all zero when empty).
  public init(_ values: [Double]) {
    let sorted = values.sorted()
    func rank(_ fraction: Double) -> Double {
      guard !sorted.isEmpty else { return 0 }
      let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
      return sorted[Swift.min(sorted.count - 1, Swift.max(0, index))]
    }
    mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    p50 = rank(0.5)
    p90 = rank(0.9)
    p99 = rank(0.99)
    max = sorted.last ?? 0
  }
}

/// A probability estimated from simulated runs, with its standard error `sqrt(p(1-p)/n)`.
public struct Estimate: Codable, Sendable, Equatable {
  /// The share of runs.
  public var probability: Double
  /// Its standard error.
  public var standardError: Double

  /// The estimate from `count` of `runs` runs.
  public init(count: Int, runs: Int) {
    let n = Double(Swift.max(1, runs))
    probability = Double(count) / n
    standardError = (probability * (1 - probability) / n).squareRoot()
  }
}
