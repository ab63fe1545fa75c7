/// One command for a (possibly remote) host, as an argv, with whether running it twice is harmless.
public struct RemoteCommand: Sendable, Equatable {
  /// The argv run on the host.
  public let argv: [String]
  /// Whether repeating it after a dropped connection cannot do anything twice (`docker inspect`, `docker
  /// stop`, an upload to a temporary name); `docker create` is not, and is never retried.
  public let safeToRetry: Bool

  /// Makes a command.
  public init(_ argv: [String], safeToRetry: Bool) {
    self.argv = argv
    self.safeToRetry = safeToRetry
  }

  /// A short name for messages: the program and its first word (`docker create`).
  public var name: String { argv.prefix(2).joined(separator: " ") }
}
