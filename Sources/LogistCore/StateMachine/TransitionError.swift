/// A transition the state machine refuses.
public struct TransitionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The status the job had.
  public let status: JobStatus
  /// The event that was refused.
  public let event: String
  /// Why, for the user.
  public let reason: String

  /// Makes a refusal.
  public init(status: JobStatus, event: String, reason: String) {
    self.status = status
    self.event = event
    self.reason = reason
  }

  public var description: String { reason }
}
