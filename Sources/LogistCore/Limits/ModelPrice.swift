/// What a model costs, in US dollars per million tokens of each bucket.
public struct ModelPrice: Codable, Sendable, Equatable {
  /// Prompt tokens not read from a cache.
  public var input: Double
  /// Generated tokens.
  public var output: Double
  /// Prompt tokens read from the cache.
  public var cacheRead: Double
  /// Prompt tokens written to the cache.
  public var cacheWrite: Double

  /// Makes a price.
  public init(input: Double, output: Double, cacheRead: Double, cacheWrite: Double) {
    self.input = input
    self.output = output
    self.cacheRead = cacheRead
    self.cacheWrite = cacheWrite
  }

  /// The cost of `usage`'s four token buckets at this price.
  public func cost(of usage: Usage) -> Double {
    let micro =
      Double(usage.inputTokens) * input + Double(usage.outputTokens) * output + Double(usage.cacheReadTokens)
      * cacheRead + Double(usage.cacheWriteTokens) * cacheWrite
    return (micro / 1_000_000 * 1e10).rounded() / 1e10
  }
}
