import Foundation

/// One line of `<job>/ledger.jsonl`: usage as it arrived during one phase run.
public struct LedgerRecord: Codable, Sendable, Equatable {
  /// When it was recorded.
  public var time: Date
  /// Run number (the history entry the run gets, 1-based).
  public var run: Int
  /// Run directory name (`0003-review`).
  public var runName: String
  /// Phase.
  public var phase: String
  /// Role playing it.
  public var role: String
  /// Provider that reported it (`replay`, `claude`, …).
  public var provider: String
  /// Model, when known.
  public var model: String?
  /// Prompt tokens not read from a cache.
  public var inputTokens: Int
  /// Generated tokens.
  public var outputTokens: Int
  /// Prompt tokens read from the cache.
  public var cacheReadTokens: Int
  /// Prompt tokens written to the cache.
  public var cacheWriteTokens: Int
  /// Agent turns or tool calls.
  public var actions: Int
  /// Cost in US dollars (a lower bound when `cost` is `unknown`: zero for the unpriced tokens).
  public var costUSD: Double
  /// Whether the cost was reported by the agent, estimated from prices, or unknown.
  public var cost: CostSource
  /// Wall-clock seconds of phase run time this record closes (non-zero on a run's last record).
  public var seconds: Double

  /// The record's usage.
  public var usage: Usage {
    Usage(
      inputTokens: inputTokens, outputTokens: outputTokens, cacheReadTokens: cacheReadTokens,
      cacheWriteTokens: cacheWriteTokens, costUSD: costUSD, actions: actions,
      costUnknown: cost == .unknown ? true : nil)
  }
}
