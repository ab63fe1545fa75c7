import Foundation

/// The embedded default agent: plays back the job's `responses.json`.
///
/// Attempt N of phase X gets the N-th entry for X, so a rewound job replays the same answers.
public final class ReplayProvider: AgentProvider {
  private var script: ResponseScript?
  private var missingFile: String?

  /// Makes one; the script is read in ``prepare(for:jobDirectory:)``.
  public init() {}

  public var name: String { "replay" }

  public func prepare(for manifest: Manifest, jobDirectory: URL) throws(LogistError) {
    let url = jobDirectory.appendingPathComponent("responses.json")
    guard let data = FileManager.default.contents(atPath: url.path) else {
      script = nil
      missingFile = url.path
      return
    }
    script = try ResponseScript.load(data, file: url.path, phases: manifest.phases)
  }

  public func run(_ request: AgentRequest, clock: any EngineClock) -> AgentReply {
    let phase = request.manifest.currentPhase
    let attempt = request.manifest.attempt
    guard let script else {
      return .none(
        "no recorded response for phase \(phase), attempt \(attempt) (no \(missingFile ?? "responses.json"))")
    }
    guard let entry = script.entry(phase: phase, attempt: attempt) else {
      return .none(
        "no recorded response for phase \(phase), attempt \(attempt) "
          + "(responses.json has \(script.count(for: phase)) for this phase)")
    }
    for step in entry.stream {
      guard request.control.pause(step.delaySeconds, clock: clock) else { return .none("the run was stopped") }
      request.meter.add(step.usage.usage, costReported: step.usage.costUSD != nil)
      if request.control.reason != nil { return .none("the run was stopped") }
    }
    guard request.control.pause(entry.delaySeconds, clock: clock) else { return .none("the run was stopped") }
    if let workspace = request.workspace, let failure = FileEdits.apply(entry.files, in: workspace) {
      return .none(failure)
    }
    return .answer(entry.raw)
  }
}
