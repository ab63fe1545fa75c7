import Foundation

/// What `logist stats` reports: jobs by status, spend by role and model, success.
public struct IndexStats: Sendable, Equatable, Codable {
  /// Jobs (or runs) of one group.
  public struct Group: Sendable, Equatable, Codable {
    /// The status, role or model.
    public var name: String
    /// Jobs with the status, or agent runs of the role or model.
    public var count: Int
    /// Cost in US dollars (runs only; 0 for statuses).
    public var costUSD: Double
    /// Tokens (runs only).
    public var tokens: Int
  }

  /// The `--since` bound: jobs created and runs started at or after it (nil: all time).
  public var since: Date?
  /// Jobs counted.
  public var jobs: Int
  /// Jobs per status, in lifecycle order, statuses with no job left out.
  public var byStatus: [Group]
  /// Agent runs per role (superseded runs included: money spent stays spent), most expensive first.
  public var byRole: [Group]
  /// Agent runs per model (`unknown` for runs recorded before models were), most expensive first.
  public var byModel: [Group]
  /// Cost of every counted run.
  public var costUSD: Double
  /// Tokens of every counted run.
  public var tokens: Int
  /// Succeeded jobs over finished ones (succeeded, failed, cancelled); nil when none finished.
  public var successRate: Double?
  /// Mean live phase runs of succeeded jobs; nil when none succeeded.
  public var meanRunsToSuccess: Double?
  /// Mean seconds from creation to the last run of succeeded jobs; nil when none succeeded.
  public var meanSecondsToSuccess: Double?

  /// The statistics of no job at all.
  public static func empty(since: Date?) -> IndexStats {
    IndexStats(
      since: since, jobs: 0, byStatus: [], byRole: [], byModel: [], costUSD: 0, tokens: 0, successRate: nil,
      meanRunsToSuccess: nil, meanSecondsToSuccess: nil)
  }
}

extension JobIndex {
  /// The statistics of jobs created (and runs started) at or after `since`.
  public func stats(since: Date?) throws(LogistError) -> IndexStats {
    let bound: SQLiteStatement.Value = since.map { .text(JSONCoding.format($0)) } ?? .text("")
    do throws(SQLiteError) {
      var counts: [String: Int] = [:]
      for row in try db.query(
        "SELECT status, count(*) FROM jobs WHERE created_at >= ? GROUP BY status", [bound], { ($0.text(0), $0.int(1)) })
      {
        counts[row.0] = row.1
      }
      let byStatus = JobStatus.allCases.compactMap { status in
        counts[status.rawValue].map { IndexStats.Group(name: status.rawValue, count: $0, costUSD: 0, tokens: 0) }
      }
      let byRole = try runGroups("role", bound)
      let byModel = try runGroups("coalesce(model, 'unknown')", bound)
      let success = try db.query(
        """
        SELECT sum(status = 'succeeded'), sum(status IN ('succeeded', 'failed', 'cancelled')),
          avg(CASE WHEN status = 'succeeded' THEN runs END),
          avg(CASE WHEN status = 'succeeded' THEN (julianday(finished_at) - julianday(created_at)) * 86400 END)
        FROM jobs WHERE created_at >= ?
        """, [bound]
      ) { row in
        (
          row.int(0), row.int(1), row.optionalText(2).map { _ in row.double(2) },
          row.optionalText(3).map { _ in row.double(3) }
        )
      }.first
      let finished = success?.1 ?? 0
      return IndexStats(
        since: since, jobs: counts.values.reduce(0, +), byStatus: byStatus, byRole: byRole, byModel: byModel,
        costUSD: Self.round(byRole.reduce(0) { $0 + $1.costUSD }), tokens: byRole.reduce(0) { $0 + $1.tokens },
        successRate: finished > 0 ? Double(success?.0 ?? 0) / Double(finished) : nil,
        meanRunsToSuccess: success?.2, meanSecondsToSuccess: success?.3.map { ($0 * 1000).rounded() / 1000 })
    } catch {
      throw fail(error)
    }
  }

  /// Agent runs grouped by `key` (a column expression of this file, never user input).
  private func runGroups(_ key: String, _ bound: SQLiteStatement.Value) throws(SQLiteError) -> [IndexStats.Group] {
    try db.query(
      """
      SELECT \(key) AS name, count(*), sum(cost_usd), sum(input_tokens + output_tokens + cache_read_tokens
        + cache_write_tokens)
      FROM phase_runs WHERE actor = 'agent' AND started_at >= ?
      GROUP BY name ORDER BY sum(cost_usd) DESC, name
      """, [bound]
    ) { IndexStats.Group(name: $0.text(0), count: $0.int(1), costUSD: Self.round($0.double(2)), tokens: $0.int(3)) }
  }

  /// Money to 10 decimals, as ``Usage`` sums it.
  static func round(_ value: Double) -> Double { (value * 1e10).rounded() / 1e10 }
}
