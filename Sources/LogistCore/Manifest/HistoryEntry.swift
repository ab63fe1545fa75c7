import Foundation

/// Who played a phase run.
public enum Actor: String, Codable, Sendable {
  /// An agent (live or replayed).
  case agent
  /// A person (`job approve`, `job reject`).
  case person
}

/// One phase run, or one decision of a person, in a job's history.
public struct HistoryEntry: Codable, Sendable, Equatable {
  /// Phase name.
  public var phase: String
  /// Role that played it.
  public var role: String
  /// Attempt number of that phase.
  public var attempt: Int
  /// Agent or person.
  public var actor: Actor
  /// How the run ended.
  public var action: RunOutcome
  /// The agent's summary, the rejection feedback, or what went wrong.
  public var summary: String
  /// Feedback the run received from a rejection (the prompt carried it).
  public var feedback: String?
  /// Workspace paths the agent named as evidence.
  public var evidenceFiles: [String]?
  /// Tokens, cost and actions.
  public var usage: Usage
  /// Who answered: `replay`, `poststep`, `person`, ….
  public var provider: String?
  /// The model of the run: what a live agent said it used, else the model the role named (nil for a
  /// person's decision and in older entries).
  public var model: String?
  /// The agent's session id, when it gave one (`job chat` resumes a Claude Code session with it).
  public var session: String?
  /// Name of the run's archive directory under `runs/` (`0001-implement`).
  public var run: String?
  /// Workspace commit holding what the run changed (the unchanged commit when it changed nothing).
  public var commit: String?
  /// Render phases: the docker container the run created.
  public var container: String?
  /// When the run started.
  public var startedAt: Date
  /// When it ended.
  public var endedAt: Date
  /// Whether a rewind replaced it (kept for the record, never deleted).
  public var superseded: Bool
  /// The job state just before this run: `job restep N` returns here.
  public var checkpoint: JobState

  /// Whether an agent played it to the end (not a person's decision, not an interrupted or halted run).
  public var isAgentRun: Bool { actor == .agent && action != .interrupted && action != .halted }
}

/// The claim a running phase holds on its job.
public struct Lease: Codable, Sendable, Equatable {
  /// Process id of the `logist` running the phase.
  public var pid: Int
  /// Host it runs on.
  public var host: String
  /// When the run started.
  public var startedAt: Date
  /// The run's archive directory name.
  public var run: String
}
