#if canImport(Glibc)
  import Glibc
#endif

/// Why the runner ended a child before it finished on its own.
public enum ProcessStop: Sendable, Equatable, CustomStringConvertible {
  /// The deadline of ``ProcessSpec/timeout`` passed.
  case timedOut(seconds: Double)
  /// ``ProcessRunner/stop(_:)`` was called with this reason.
  case stopped(reason: String)

  public var description: String {
    switch self {
    case .timedOut(let seconds): "timed out after \(ProcessResult.seconds(seconds))"
    case .stopped(let reason): "stopped: \(reason)"
    }
  }
}

/// How a child ended.
public enum ProcessTermination: Sendable, Equatable, CustomStringConvertible {
  /// It exited with this status.
  case exited(Int32)
  /// A signal ended it.
  case signaled(Int32)

  /// The exit status, or nil when a signal ended it.
  public var exitCode: Int32? {
    if case .exited(let code) = self { return code }
    return nil
  }

  /// The shell's view of the status: the exit code, or 128 + the signal.
  public var shellStatus: Int32 {
    switch self {
    case .exited(let code): code
    case .signaled(let signal): 128 + signal
    }
  }

  public var description: String {
    switch self {
    case .exited(let code): "exit \(code)"
    case .signaled(let signal): "killed by \(ProcessTermination.signalName(signal))"
    }
  }

  /// `SIGTERM` for 15, and so on.
  public static func signalName(_ signal: Int32) -> String {
    let names: [Int32: String] = [
      SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGABRT: "SIGABRT", SIGKILL: "SIGKILL",
      SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGBUS: "SIGBUS",
    ]
    return names[signal] ?? "signal \(signal)"
  }
}

/// What a ``ProcessRunner`` run came to.
public struct ProcessResult: Sendable, Equatable, CustomStringConvertible {
  /// The child's process id (also its process group id).
  public var pid: Int32
  /// How the child ended.
  public var termination: ProcessTermination
  /// Why the runner ended it, when it did.
  public var stop: ProcessStop?
  /// Whether the child outlived SIGTERM and the grace period and had to be killed with SIGKILL.
  public var killed: Bool
  /// Seconds from spawn to return.
  public var duration: Double
  /// A contained run's processes that were still alive when its child ended (or was stopped), and
  /// were then stopped: helpers it left in the background, `setsid` included.
  public var leftovers: [StoppedProcess] = []

  /// Whether the deadline ended the run.
  public var timedOut: Bool {
    if case .timedOut = stop { return true }
    return false
  }

  public var description: String {
    var text = termination.description
    if let stop { text += " (\(stop)\(killed ? ", SIGKILL after the grace period" : ""))" }
    return text + " after \(Self.seconds(duration))"
  }

  /// `1.5 s`.
  static func seconds(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
  }
}
