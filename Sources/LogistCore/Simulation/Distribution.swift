import Foundation

/// How one number of a phase run (cost, tokens, seconds) is drawn in a simulation.
public enum Distribution: Sendable, Equatable {
  /// Always this value.
  case fixed(Double)
  /// Uniform between the two bounds.
  case uniform(Double, Double)
  /// Log-normal with this median and 90th percentile.
  case lognormal(median: Double, p90: Double)
  /// One of these observed values, each equally likely.
  case samples([Double])

  /// The 90th percentile of the standard normal distribution.
  static let z90 = 1.281_551_565_545

  /// One draw.
  public func sample(_ random: inout SplitMix64) -> Double {
    switch self {
    case .fixed(let value): return value
    case .uniform(let low, let high): return low + (high - low) * random.unit()
    case .lognormal(let median, let p90):
      guard median > 0 else { return 0 }
      let sigma = log(max(p90, median) / median) / Self.z90
      return median * exp(sigma * random.normal())
    case .samples(let values):
      guard !values.isEmpty else { return 0 }
      return values[min(values.count - 1, Int(random.unit() * Double(values.count)))]
    }
  }

  /// The distribution a schema-valid model value describes; `field` names it in errors.
  static func parse(_ value: JSONValue, field: String) throws(LogistError) -> Distribution {
    if let fixed = value["fixed"]?.doubleValue { return .fixed(fixed) }
    if let bounds = value["uniform"]?.arrayValue?.compactMap(\.doubleValue), bounds.count == 2 {
      guard bounds[0] <= bounds[1] else {
        throw .invalid("\(field).uniform: the first bound \(bounds[0]) is above the second \(bounds[1])")
      }
      return .uniform(bounds[0], bounds[1])
    }
    if let median = value["lognormal"]?["median"]?.doubleValue, let p90 = value["lognormal"]?["p90"]?.doubleValue {
      guard p90 >= median else {
        throw .invalid("\(field).lognormal: p90 \(p90) is below the median \(median)")
      }
      return .lognormal(median: median, p90: p90)
    }
    if let values = value["samples"]?.arrayValue?.compactMap(\.doubleValue), !values.isEmpty {
      return .samples(values)
    }
    throw .invalid("\(field): expected one of fixed, uniform, lognormal, samples")
  }
}
