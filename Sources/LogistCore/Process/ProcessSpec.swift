import Foundation

/// Which output pipe of a child a chunk came from.
public enum OutputChannel: String, Sendable, Equatable {
  /// The child's standard output.
  case stdout
  /// The child's standard error.
  case stderr
}

/// What to run and how long to let it run: the input of a ``ProcessRunner``.
public struct ProcessSpec: Sendable {
  /// The argument vector; the first element is the executable, looked up on the `PATH` of
  /// ``environment`` unless it contains a `/` (a relative path is taken from ``workingDirectory``).
  public var arguments: [String]
  /// The child's whole environment (nothing else is inherited).
  public var environment: [String: String]
  /// The directory the child starts in.
  public var workingDirectory: String
  /// Bytes written to the child's standard input, which is then closed; nil gives it `/dev/null`.
  public var standardInput: Data?
  /// Seconds after which the process group is stopped as timed out; nil for no deadline.
  public var timeout: Double?
  /// Seconds between SIGTERM and SIGKILL to the process group when stopping it.
  public var gracePeriod: Double
  /// Seconds the pipes may stay open after the child exited (a background grandchild holding them)
  /// before the group is killed and reading stops.
  public var drainWindow: Double
  /// Makes the run contained when set (a ``RunToken`` value): the child gets it as
  /// `LOGIST_RUN_TOKEN`, dies with the thread that started it (`PR_SET_PDEATHSIG`), this process is a
  /// child subreaper while it runs, and when it ends every process carrying the token or left in the
  /// child's process group (and their descendants) is stopped: SIGTERM, ``gracePeriod``, SIGKILL.
  public var runToken: String?

  /// Describes a run; the environment defaults to this process's own.
  public init(
    arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
    workingDirectory: String, standardInput: Data? = nil, timeout: Double? = nil, gracePeriod: Double = 10,
    drainWindow: Double = 1, runToken: String? = nil
  ) {
    self.arguments = arguments
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.standardInput = standardInput
    self.timeout = timeout
    self.gracePeriod = gracePeriod
    self.drainWindow = drainWindow
    self.runToken = runToken
  }
}
