/// How one render container ended, from its exit code and `docker inspect` state; `reason` is the one
/// line recorded for a failed attempt.
public enum ContainerOutcome: Sendable, Equatable {
  /// Exit 0: the phase completes.
  case succeeded
  /// The engine could not run it (exit 125, or an engine error before the process started).
  case engineError(String)
  /// Exit 126: the command is not executable.
  case commandNotExecutable(String)
  /// Exit 127: the command is not in the image.
  case commandNotFound(String)
  /// Exit 137 with `OOMKilled`: out of memory.
  case outOfMemory
  /// The image is not on the host (`docker create` refused).
  case imageMissing(String)
  /// Any other exit code (137 without OOM: SIGKILL; 143: SIGTERM).
  case failed(exitCode: Int32)

  /// The outcome of a container that stopped with `exitCode` (from `docker wait`) in `state`.
  public static func classify(exitCode: Int32, state: ContainerState?) -> ContainerOutcome {
    let detail = state?.error ?? ""
    switch exitCode {
    case 0: return .succeeded
    case 126: return .commandNotExecutable(detail)
    case 127: return .commandNotFound(detail)
    case 137 where state?.oomKilled == true: return .outOfMemory
    case 125: return .engineError(detail)
    default:
      if let state, !detail.isEmpty, !state.everStarted { return .engineError(detail) }
      return .failed(exitCode: exitCode)
    }
  }

  /// Whether the phase completes.
  public var isSuccess: Bool { self == .succeeded }

  /// One line naming the cause.
  public var reason: String {
    switch self {
    case .succeeded: return "exit 0"
    case .engineError(let detail): return "docker engine error (exit 125)" + Self.suffix(detail)
    case .commandNotExecutable(let detail): return "command not executable (exit 126)" + Self.suffix(detail)
    case .commandNotFound(let detail): return "command not found (exit 127)" + Self.suffix(detail)
    case .outOfMemory: return "OOMKilled: the container ran out of memory (exit 137)"
    case .imageMissing(let image): return "image missing: \(image) is not on the host; docker pull it there"
    case .failed(137): return "killed by SIGKILL (exit 137)"
    case .failed(143): return "stopped by SIGTERM (exit 143)"
    case .failed(let code): return "exit \(code)"
    }
  }

  private static func suffix(_ detail: String) -> String {
    let line = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    return line.isEmpty ? "" : ": " + line
  }
}
