/// How one simulated job ended.
public struct SimulatedRun: Sendable, Equatable {
  /// Its final status (`succeeded`, `failed`, `needs_intervention`, `halted`, `awaiting_approval`, …).
  public var status: JobStatus
  /// The limit that halted it, when one did.
  public var halt: LimitKind?
  /// Job totals at the end (what was spent before the simulation included).
  public var costUSD: Double
  /// Tokens, job total.
  public var tokens: Double
  /// Phase run seconds, job total.
  public var seconds: Double
  /// Agent phase runs, job total.
  public var phaseRuns: Int
  /// `phase:ACTION` of every simulated step, in order (`phase:halt` for a halt).
  public var path: [String]
  /// Simulated runs per phase (a person's decision at a gate counts as a run of the gate).
  public var runsByPhase: [String: Int]
}
