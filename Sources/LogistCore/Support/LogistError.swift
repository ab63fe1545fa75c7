/// An error a user can act on: one line that names the file, field or value and says what to do.
public struct LogistError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Broad classes of error; the CLI maps them to exit codes.
  public enum Kind: Sendable, Equatable {
    /// The command line itself is wrong (exit 64).
    case usage
    /// A file, value or id is invalid, missing or refused (exit 1).
    case invalid
    /// Another process holds the job (exit 1).
    case locked
    /// The operating system refused (exit 1).
    case system
    /// The connection to a remote host failed (ssh exit 255); operations safe to repeat may be retried (exit 1).
    case transport
  }

  /// What kind of error.
  public let kind: Kind
  /// The message, one line.
  public let message: String

  /// Makes an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// An invalid-input error.
  public static func invalid(_ message: String) -> LogistError { LogistError(.invalid, message) }

  public var description: String { message }
}
