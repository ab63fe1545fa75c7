/// Tokens, cost and actions of one phase run (or a sum of runs).
public struct Usage: Codable, Sendable, Equatable {
  /// Prompt tokens not served from a cache.
  public var inputTokens: Int
  /// Generated tokens.
  public var outputTokens: Int
  /// Prompt tokens read from the provider's cache.
  public var cacheReadTokens: Int
  /// Prompt tokens written to the provider's cache.
  public var cacheWriteTokens: Int
  /// Cost in US dollars.
  public var costUSD: Double
  /// Agent turns or tool calls, as the agent reported them.
  public var actions: Int
  /// True when some tokens came from a model with no known price: `costUSD` is then a lower bound.
  public var costUnknown: Bool?

  /// Makes a usage record.
  public init(
    inputTokens: Int = 0, outputTokens: Int = 0, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0,
    costUSD: Double = 0, actions: Int = 0, costUnknown: Bool? = nil
  ) {
    self.costUnknown = costUnknown
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.cacheReadTokens = cacheReadTokens
    self.cacheWriteTokens = cacheWriteTokens
    self.costUSD = costUSD
    self.actions = actions
  }

  /// Nothing used.
  public static let zero = Usage()

  /// Whether no token was used and no action taken (cost aside).
  public var hasNoTokens: Bool { totalTokens == 0 }

  /// All four token buckets together.
  public var totalTokens: Int { inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens }

  /// The sum of two records.
  public static func + (lhs: Usage, rhs: Usage) -> Usage {
    Usage(
      inputTokens: lhs.inputTokens + rhs.inputTokens, outputTokens: lhs.outputTokens + rhs.outputTokens,
      cacheReadTokens: lhs.cacheReadTokens + rhs.cacheReadTokens,
      cacheWriteTokens: lhs.cacheWriteTokens + rhs.cacheWriteTokens,
      costUSD: ((lhs.costUSD + rhs.costUSD) * 1e10).rounded() / 1e10, actions: lhs.actions + rhs.actions,
      costUnknown: lhs.costUnknown == true || rhs.costUnknown == true ? true : nil)
  }
}
