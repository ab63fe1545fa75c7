import Foundation

/// A job: its strategy and everything that has happened to it. Saved as `<jobs-dir>/<id>/job.json`.
public struct Manifest: Codable, Sendable, Equatable {
  /// The manifest format this build reads and writes.
  public static let currentSchemaVersion = 1

  /// Manifest format version.
  public var schemaVersion: Int
  /// Job id, also the directory name.
  public var id: String
  /// Short title.
  public var title: String
  /// What the job must achieve; goes into every prompt.
  public var goal: String
  /// Where the job stands.
  public var status: JobStatus
  /// Why it waits or stopped.
  public var statusReason: String?
  /// The strategy: phases in order.
  public var phases: [Phase]
  /// Where the workspace came from (absent in jobs made before workspaces existed).
  public var source: JobSource?
  /// Name of the current phase.
  public var currentPhase: String
  /// Attempt of the current phase.
  public var attempt: Int
  /// Attempts started per phase.
  public var attempts: [String: Int]
  /// Reviewer feedback for the next prompt of the current phase.
  public var feedback: String?
  /// Limits: budgets checked before, during and after every phase run.
  public var limits: Limits?
  /// Present while the job is `halted`: the limit that stopped it.
  public var halt: HaltReason?
  /// Every `job limits` change, oldest first.
  public var limitChanges: [LimitChange]?
  /// Limit keys whose warning threshold has been reported (each once, again after the limit changes).
  public var limitWarnings: [String]?
  /// What `ledger.jsonl` held at the last save and the totals recorded (nil in manifests saved before
  /// seals existed: sealed at their next save).
  public var ledger: LedgerSeal?
  /// Every phase run and decision, oldest first.
  public var history: [HistoryEntry]
  /// Present while a phase runs.
  public var lease: Lease?
  /// Present once `job gc` removed the workspace, keeping its commits in `workspace.mbox`.
  public var workspaceCollected: WorkspaceCollection?
  /// When the job was created.
  public var createdAt: Date
  /// When the manifest last changed.
  public var updatedAt: Date
  /// Save counter: 1 at creation, +1 on every ``JobStore/save(_:now:)`` (nil in older manifests).
  /// The index stores the revision it saw.
  public var revision: Int?

  /// The state-machine part of the manifest.
  public var state: JobState {
    get {
      JobState(
        status: status, currentPhase: currentPhase, attempt: attempt, attempts: attempts, feedback: feedback,
        statusReason: statusReason)
    }
    set {
      status = newValue.status
      currentPhase = newValue.currentPhase
      attempt = newValue.attempt
      attempts = newValue.attempts
      feedback = newValue.feedback
      statusReason = newValue.statusReason
    }
  }

  /// The current phase (the manifest loader guarantees it exists).
  public var phase: Phase {
    phases.first { $0.name == currentPhase } ?? Phase(name: currentPhase, role: "unknown", kind: .agent)
  }

  /// 1-based position of the current phase.
  public var phaseNumber: Int { (phases.firstIndex { $0.name == currentPhase } ?? 0) + 1 }

  /// History entries a rewind has not superseded.
  public var liveHistory: [HistoryEntry] { history.filter { !$0.superseded } }

  /// Live phase runs played by an agent (person decisions and interrupted runs excluded).
  public var agentRuns: Int { liveHistory.filter(\.isAgentRun).count }

  /// Agent runs a rewind superseded.
  public var supersededRuns: Int { history.filter { $0.superseded && $0.isAgentRun }.count }

  /// The manifest as saved: pretty, sorted JSON with a final newline.
  public func encoded() throws(LogistError) -> Data {
    do {
      return try JSONCoding.data(self)
    } catch {
      throw LogistError(.system, "cannot encode job \(id): \(error)")
    }
  }

  /// Usage of all runs, superseded ones included (money spent stays spent).
  public var totalUsage: Usage { history.reduce(.zero) { $0 + $1.usage } }
}
