/// Everything one `job gc` did: a result per final job it looked at, and what it left alone.
public struct GCReport: Sendable, Equatable {
  /// The request it answered.
  public var request: GCRequest
  /// One result per final job old enough to be considered, sorted by id.
  public var jobs: [GCJobResult] = []
  /// Jobs not in a final state (never touched).
  public var notFinal = 0
  /// Final jobs changed more recently than `--older-than`.
  public var tooRecent = 0

  /// An empty report for `request`.
  public init(request: GCRequest) { self.request = request }

  /// Results whose workspace was (or, in a dry run, would be) removed.
  public var collected: [GCJobResult] { jobs.filter { $0.outcome == .removed || $0.outcome == .wouldRemove } }

  /// Bytes removed (or that would be).
  public var reclaimedBytes: Int64 { collected.reduce(0) { $0 + $1.bytes } }

  /// Whether collecting some job failed.
  public var hasFailures: Bool { jobs.contains { $0.outcome == .failed } }
}
