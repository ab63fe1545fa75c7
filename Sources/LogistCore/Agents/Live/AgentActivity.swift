import Synchronization

/// What the running agent is doing, for a live status line: read from any thread.
public final class AgentActivity: Sendable {
  /// One reading.
  public struct Snapshot: Sendable, Equatable {
    /// Usage so far in this phase run.
    public var usage: Usage
    /// The agent's last action, one short line.
    public var lastActivity: String?
  }

  private let state = Mutex<Snapshot?>(nil)

  /// Makes an empty board.
  public init() {}

  /// The current reading (nil when no live agent runs).
  public var snapshot: Snapshot? { state.withLock { $0 } }

  /// Records the latest usage and activity.
  public func update(usage: Usage, lastActivity: String?) {
    state.withLock { current in
      current = Snapshot(usage: usage, lastActivity: lastActivity ?? current?.lastActivity)
    }
  }

  /// Clears the board at the end of a run.
  public func clear() { state.withLock { $0 = nil } }
}
