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
  /// The run reached its phase timeout: a failed attempt of the phase.
  case timeout(reason: String)
  /// A limit stops the job, before a phase starts or while it runs.
  case halt(reason: String)
  /// `job limits` (or `job run`) found the limits no longer crossed.
  case lift

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
    case .timeout: return "timeout"
    case .halt: return "halt"
    case .lift: return "lift"
    }
  }

  /// One event of every kind, in table order.
  public static func samples(checkpoint: JobState) -> [JobEvent] {
    [.activate, .start]
      + AgentAction.allCases.map { JobEvent.response($0, summary: "summary") }
      + [
        .invalidResponse(reason: "reason"), .approve, .reject(feedback: "feedback"), .cancel,
        .interrupt(reason: "reason"), .resume, .rewind(to: checkpoint), .timeout(reason: "reason"),
        .halt(reason: "reason"), .lift,
      ]
  }
}
