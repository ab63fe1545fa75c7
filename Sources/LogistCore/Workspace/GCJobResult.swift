/// What `job gc` did, or would do, with one job.
public struct GCJobResult: Sendable, Equatable {
  /// The kinds of result.
  public enum Outcome: String, Sendable, Codable {
    /// The workspace was removed and `workspace.mbox` kept.
    case removed
    /// `--dry-run`: the workspace would be removed.
    case wouldRemove = "would_remove"
    /// Left alone: uncommitted changes without `--force`, a held lock, an unreadable manifest.
    case skipped
    /// The workspace is already gone (or the job never had one).
    case nothingToCollect = "nothing_to_collect"
    /// Collecting it went wrong; the message says what.
    case failed
  }

  /// The job id.
  public var id: String
  /// What happened.
  public var outcome: Outcome
  /// Bytes removed (or that would be), 0 otherwise.
  public var bytes: Int64 = 0
  /// Patches in `workspace.mbox` (or that would be), the backup included.
  public var patches: Int = 0
  /// The reference of the backup commit holding uncommitted changes (`--force`), if one was made.
  public var backupRef: String?
  /// Uncommitted changes found (`M path` lines), whether skipped for them or backed up.
  public var uncommitted: [String] = []
  /// Why the job was skipped or failed.
  public var reason: String?

  /// Makes a result.
  public init(id: String, outcome: Outcome, reason: String? = nil) {
    self.id = id
    self.outcome = outcome
    self.reason = reason
  }
}
