import Foundation

/// What a provider gets for one phase run.
public struct AgentRequest: Sendable {
  /// The job, status `running`.
  public let manifest: Manifest
  /// The role playing the phase.
  public let role: ResolvedRole
  /// The exact prompt (also archived as `prompt.md`).
  public let prompt: String
  /// The job's directory.
  public let jobDirectory: URL
  /// This run's archive directory.
  public let runDirectory: URL
  /// The job's workspace checkout, where the agent works (nil for a job made before workspaces).
  public let workspace: URL?
  /// The run's brake: its deadline, and stops from limits, Ctrl-C or a batch.
  public let control: RunControl
  /// Where usage goes as it arrives (the ledger).
  public let meter: UsageMeter
}

/// What came back from one phase run.
public struct AgentReply: Sendable {
  /// The agent's raw answer (archived as `response.json`), or nil when there was none.
  public var raw: Data?
  /// Why there is no answer.
  public var failure: String?

  /// An answer.
  public static func answer(_ raw: Data) -> AgentReply { AgentReply(raw: raw, failure: nil) }
  /// No answer, and why.
  public static func none(_ why: String) -> AgentReply { AgentReply(raw: nil, failure: why) }
}

/// An agent behind a role: replayed, injected by a person, or (later) a real CLI.
public protocol AgentProvider {
  /// Name recorded in history (`replay`, `poststep`).
  var name: String { get }
  /// Checks inputs before anything changes (a malformed replay script is an error, not a run).
  func prepare(for manifest: Manifest, jobDirectory: URL) throws(LogistError)
  /// Plays one phase run.
  func run(_ request: AgentRequest, clock: any EngineClock) -> AgentReply
}

/// A response given on the command line (`job poststep`): it takes the path a live response takes.
public struct GivenResponseProvider: AgentProvider {
  /// The response bytes.
  public let raw: Data
  public var name: String { "poststep" }

  /// Wraps a response.
  public init(raw: Data) { self.raw = raw }

  public func prepare(for manifest: Manifest, jobDirectory: URL) throws(LogistError) {}

  public func run(_ request: AgentRequest, clock: any EngineClock) -> AgentReply { .answer(raw) }
}
