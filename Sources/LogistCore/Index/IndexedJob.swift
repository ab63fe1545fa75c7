import Foundation

/// One job as the index holds it: what `job list` shows.
public struct IndexedJob: Sendable, Equatable {
  /// Job id.
  public var id: String
  /// Title.
  public var title: String
  /// Status.
  public var status: JobStatus
  /// Why it waits or stopped.
  public var statusReason: String?
  /// Current phase.
  public var currentPhase: String
  /// Attempt of the current phase.
  public var attempt: Int
  /// Live agent runs (as ``Manifest/agentRuns``).
  public var runs: Int
  /// Cost of all runs, superseded ones included.
  public var costUSD: Double
  /// Tokens of all runs.
  public var tokens: Int
  /// Host of the lease while a phase runs.
  public var leaseHost: String?
  /// When the job was created.
  public var createdAt: Date
  /// When its manifest was last saved.
  public var updatedAt: Date

  /// The row a manifest gives.
  public init(_ job: Manifest) {
    let usage = job.totalUsage
    id = job.id
    title = job.title
    status = job.status
    statusReason = job.statusReason
    currentPhase = job.currentPhase
    attempt = job.attempt
    runs = job.agentRuns
    costUSD = usage.costUSD
    tokens = usage.totalTokens
    leaseHost = job.lease?.host
    createdAt = job.createdAt
    updatedAt = job.updatedAt
  }

  /// The columns ``init(row:)`` reads, in order.
  static let columns =
    "id, title, status, status_reason, current_phase, attempt, runs, cost_usd, tokens, lease_host, created_ms, updated_ms"

  /// A row of `SELECT <columns> FROM jobs`.
  init(row: SQLiteStatement) {
    id = row.text(0)
    title = row.text(1)
    status = JobStatus(rawValue: row.text(2)) ?? .ready
    statusReason = row.optionalText(3)
    currentPhase = row.text(4)
    attempt = row.int(5)
    runs = row.int(6)
    costUSD = row.double(7)
    tokens = row.int(8)
    leaseHost = row.optionalText(9)
    createdAt = Date(timeIntervalSince1970: Double(row.int(10)) / 1000)
    updatedAt = Date(timeIntervalSince1970: Double(row.int(11)) / 1000)
  }

  /// A manifest date as whole milliseconds since 1970 (manifests keep milliseconds, so nothing is lost
  /// and ``JSONCoding/format(_:)`` prints the same text back).
  static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// Which jobs `job list` shows, and in what order.
public struct JobQuery: Sendable {
  /// Sort orders.
  public enum Sort: String, Sendable, CaseIterable {
    /// By id (the default).
    case id
    /// Most recently updated first.
    case updated
    /// Most recently created first.
    case created
    /// Most expensive first.
    case cost
    /// By status, in lifecycle order (draft … cancelled), then id.
    case status
  }

  /// Only this status.
  public var status: JobStatus?
  /// Only jobs whose current phase has this name.
  public var phase: String?
  /// Only jobs updated at or after this time.
  public var since: Date?
  /// The order.
  public var sort: Sort = .id

  /// Makes one.
  public init(status: JobStatus? = nil, phase: String? = nil, since: Date? = nil, sort: Sort = .id) {
    self.status = status
    self.phase = phase
    self.since = since
    self.sort = sort
  }
}
