/// Why a phase run was stopped before it answered.
public enum StopReason: Sendable, Equatable {
  /// It reached its phase timeout (a failed attempt).
  case timeout(seconds: Double)
  /// A limit was reached while it ran (the job halts; the same attempt runs again once lifted).
  case limit(HaltReason)
  /// Someone stopped it: Ctrl-C, SIGTERM, a batch shutting down (the job becomes interrupted).
  case interrupted(String)
  /// `job cancel` from another process stopped it (the job becomes cancelled).
  case cancelled(String)

  /// What the history entry says.
  public var summary: String {
    switch self {
    case .timeout(let seconds): return "the run reached its phase timeout of \(Amount.seconds(seconds)) and was stopped"
    case .limit(let reason): return reason.sentence
    case .interrupted(let why): return "the run was interrupted: \(why)"
    case .cancelled(let why): return "the run was cancelled: \(why)"
    }
  }
}
