/// Something that happens to a job. The state machine turns (state, event) into the next state.
public enum JobEvent: Sendable, Equatable {
  /// `job activate`: a draft becomes ready.
  case activate
  /// A phase run begins.
  case start
  /// The agent answered with a valid response.
  case response(AgentAction, summary: String)
  /// The agent's answer was missing or invalid.
  case invalidResponse(reason: String)
  /// `job approve`.
  case approve
  /// `job reject --feedback`.
  case reject(feedback: String)
  /// `job cancel`.
  case cancel
  /// The process running the phase is gone.
  case interrupt(reason: String)
  /// `job run` or `job step` picks an interrupted job up again.
  case resume
  /// `job restep` / `job rerun`: back to a checkpoint.
  case rewind(to: JobState)

  /// The event's name, as the state machine table shows it.
  public var name: String {
    switch self {
    case .activate: return "activate"
    case .start: return "start"
    case .response(let action, _): return action.rawValue
    case .invalidResponse: return "invalid response"
    case .approve: return "approve"
    case .reject: return "reject"
    case .cancel: return "cancel"
    case .interrupt: return "interrupt"
    case .resume: return "resume"
    case .rewind: return "rewind"
    }
  }

  /// One event of every kind, in table order.
  public static func samples(checkpoint: JobState) -> [JobEvent] {
    [.activate, .start]
      + AgentAction.allCases.map { JobEvent.response($0, summary: "summary") }
      + [
        .invalidResponse(reason: "reason"), .approve, .reject(feedback: "feedback"), .cancel,
        .interrupt(reason: "reason"), .resume, .rewind(to: checkpoint),
      ]
  }
}
