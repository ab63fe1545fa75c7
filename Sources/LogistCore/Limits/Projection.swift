/// What the next phase run is expected to use, decided before it starts.
///
/// Cost: the role's `maxCostPerPhaseUSD`, else the mean of that role's past runs in this job, else
/// ``defaultCostUSD``. Tokens and actions: the role's `maxTokensPerPhase` / `maxActionsPerPhase`, else
/// the mean, else the defaults. Time: the mean of the role's past runs, else zero (a running phase is
/// stopped when it reaches the wall-time budget anyway).
public struct Projection: Sendable, Equatable {
  /// Projected cost of a role's first run when nothing else is known.
  public static let defaultCostUSD = 0.50
  /// Projected tokens of a role's first run when nothing else is known.
  public static let defaultTokens = 20_000
  /// Projected actions of a role's first run when nothing else is known.
  public static let defaultActions = 20

  /// Cost in US dollars.
  public var costUSD: Double
  /// Tokens, all buckets.
  public var tokens: Int
  /// Agent actions.
  public var actions: Int
  /// Phase run time, in seconds.
  public var seconds: Double

  /// The projection for the next run of `role` (whose per-phase limits are `limits`), given the job's past runs.
  public init(role: String, limits: RoleLimits?, pastRuns: [RunCost]) {
    let mine = pastRuns.filter { $0.role == role }
    func mean(_ value: (RunCost) -> Double) -> Double? {
      mine.isEmpty ? nil : mine.map(value).reduce(0, +) / Double(mine.count)
    }
    costUSD = limits?.maxCostPerPhaseUSD ?? mean { $0.usage.costUSD } ?? Self.defaultCostUSD
    tokens =
      limits?.maxTokensPerPhase ?? mean { Double($0.usage.totalTokens) }.map { Int($0.rounded(.up)) }
      ?? Self.defaultTokens
    actions =
      limits?.maxActionsPerPhase ?? mean { Double($0.usage.actions) }.map { Int($0.rounded(.up)) }
      ?? Self.defaultActions
    seconds = mean { $0.seconds } ?? 0
  }
}
