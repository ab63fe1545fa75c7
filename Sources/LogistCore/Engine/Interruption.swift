import Synchronization

/// A thread-safe handle that interrupts whatever an engine is running: the current phase run stops
/// (its usage so far is recorded, the job becomes `interrupted`) and `run` returns.
///
/// Signal handlers and batches hold it on other threads; the engine itself is not shared.
public final class Interruption: Sendable {
  private let state = Mutex<(reason: String?, control: RunControl?)>((nil, nil))

  /// Makes one.
  public init() {}

  /// Interrupts now, and every phase this engine would start later.
  public func interrupt(_ reason: String) {
    let control = state.withLock { state -> RunControl? in
      if state.reason == nil { state.reason = reason }
      return state.control
    }
    control?.stop(.interrupted(reason))
  }

  /// Why the engine was interrupted, if it was.
  public var reason: String? { state.withLock { $0.reason } }

  /// Makes `control` the run to stop; stops it at once when an interrupt already came.
  func attach(_ control: RunControl?) {
    let reason = state.withLock { state -> String? in
      state.control = control
      return state.reason
    }
    if let reason, let control { control.stop(.interrupted(reason)) }
  }
}
