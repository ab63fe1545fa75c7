/// One past phase run, as the index holds it: what `simulate --from-history` fits a model from.
public struct PastPhaseRun: Sendable, Equatable {
  /// Phase name.
  public var phase: String
  /// Role.
  public var role: String
  /// Model, when known.
  public var model: String?
  /// `agent` or `person`.
  public var actor: String
  /// How it ended (`COMPLETED`, …, `INVALID_RESPONSE`, `TIMEOUT`, `HALTED`, …).
  public var action: String
  /// Cost in US dollars.
  public var costUSD: Double
  /// Tokens, all buckets.
  public var tokens: Int
  /// Wall time in seconds.
  public var seconds: Double
}

extension JobIndex {
  /// Every phase run of every indexed job (superseded ones included: what they did happened), in job and
  /// run order.
  public func pastPhaseRuns() throws(LogistError) -> [PastPhaseRun] {
    do throws(SQLiteError) {
      return try db.query(
        """
        SELECT phase, role, model, actor, action, cost_usd,
          input_tokens + output_tokens + cache_read_tokens + cache_write_tokens,
          (julianday(ended_at) - julianday(started_at)) * 86400
        FROM phase_runs ORDER BY job, number
        """
      ) { row in
        PastPhaseRun(
          phase: row.text(0), role: row.text(1), model: row.optionalText(2), actor: row.text(3), action: row.text(4),
          costUSD: row.double(5), tokens: row.int(6), seconds: max(0, row.double(7)))
      }
    } catch {
      throw error.asLogistError(path: Self.path(of: store))
    }
  }
}
