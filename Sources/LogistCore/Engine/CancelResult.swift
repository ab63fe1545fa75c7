/// What `job cancel` did: the cancelled job and, after `--force`, the render container it had to leave.
public struct CancelResult: Sendable {
  /// The job, now cancelled.
  public let manifest: Manifest
  /// A render container that could not be stopped and was left behind (only with `force`).
  public let leftContainer: LeftContainer?
}

/// A render container `job cancel --force` could not stop, and where it is.
public struct LeftContainer: Sendable, Equatable {
  /// The container's full id.
  public let id: String
  /// The host it runs on, as the role names it (`local` or `user@host`).
  public let host: String
  /// Why it could not be stopped.
  public let cause: String

  /// The id as docker prints it.
  public var short: String { String(id.prefix(12)) }

  /// The job's status reason after the cancel.
  var reason: String {
    "cancelled with --force; render container \(short) on \(host) was not stopped and may still be running"
  }

  /// One line for the person: what was left and how to remove it.
  public var warning: String {
    "render container \(short) on \(host) was not stopped (\(cause)); it may still be running: "
      + "remove it there with `docker rm -f \(short)`"
  }
}
