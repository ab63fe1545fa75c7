import Foundation

/// Plays a render phase in a docker container, on the local engine or on a host over ssh (`docs/remote.md`):
/// uploads the inputs, creates and starts the container, waits for it (stopping it when the run is stopped),
/// and always collects its log and outputs before removing it.
///
/// Exit 0 answers COMPLETED. Any other ending answers RETRY with the cause as its summary, so a failed
/// render counts against the phase's `maxAttempts` like an agent's retry.
public final class DockerRenderProvider: AgentProvider {
  private let activity: AgentActivity?

  /// Makes one; the role's settings are read for each run, and the container's last log line goes to
  /// `activity` for the status line.
  public init(activity: AgentActivity? = nil) { self.activity = activity }

  public var name: String { "docker" }

  public func prepare(for manifest: Manifest, jobDirectory: URL) throws(LogistError) {}

  public func run(_ request: AgentRequest, clock: any EngineClock) -> AgentReply {
    let settings: RenderSettings
    do throws(LogistError) {
      settings = try RenderSettings(request.role.role.provider, role: request.role.name)
    } catch {
      return .none(error.message)
    }
    defer { activity?.clear() }
    return RenderAttempt(request: request, settings: settings, clock: clock, activity: activity).run()
  }

  /// The response a render answers: COMPLETED or RETRY, with `summary`.
  static func response(completed: Bool, summary: String, evidence: [String]) -> Data {
    var fields: [String: JSONValue] = [
      "action": .string(completed ? "COMPLETED" : "RETRY"), "summary": .string(summary),
    ]
    if completed, !evidence.isEmpty { fields["evidenceFiles"] = .array(evidence.map(JSONValue.string)) }
    return Data(JSONValue.object(fields).serialized().utf8)
  }
}
