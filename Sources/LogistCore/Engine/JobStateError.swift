/// Why a job cannot do what was asked in its current state, with the command that helps.
public enum JobStateError {
  /// The job is not ready to run a phase.
  public static func notRunnable(_ job: Manifest) -> LogistError {
    let id = job.id
    let reason = job.statusReason.map { ": \($0)" } ?? ""
    switch job.status {
    case .draft: return .invalid("job \(id) is a draft; `logist job activate \(id)` makes it ready")
    case .awaitingApproval:
      return .invalid(
        "job \(id) is awaiting approval\(reason); `logist job approve \(id)` or `logist job reject \(id) --feedback TEXT`"
      )
    case .needsIntervention:
      return .invalid(
        "job \(id) needs intervention\(reason); fix the cause, then `logist job restep \(id) N` or `logist job cancel \(id)`"
      )
    case .halted: return .invalid("job \(id) is halted by a limit\(reason)")
    case .running: return .invalid("job \(id) is running a phase already")
    case .succeeded:
      return .invalid("job \(id) has succeeded; nothing left to run (`logist job rerun \(id)` starts over)")
    case .failed:
      return .invalid("job \(id) has failed\(reason); `logist job restep \(id) N` goes back to a checkpoint")
    case .cancelled: return .invalid("job \(id) is cancelled; nothing runs any more")
    case .ready, .interrupted: return .invalid("job \(id) is \(job.status.rawValue)")
    }
  }
}
