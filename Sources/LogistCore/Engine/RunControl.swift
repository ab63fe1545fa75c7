import Foundation

/// The brake on one phase run: a deadline, and a stop anyone may pull from any thread.
///
/// A provider waits through ``pause(_:clock:)`` (replay think time) or registers ``onStop(_:)`` to kill
/// its process. The first reason wins; later stops are ignored.
public final class RunControl: @unchecked Sendable {
  /// When the run must end, in the engine clock's time, and why.
  public let deadline: (date: Date, reason: StopReason)?
  private let condition = NSCondition()
  private var stopped: StopReason?
  private var finished = false
  private var handlers: [@Sendable (StopReason) -> Void] = []

  /// A control with an optional deadline.
  public init(deadline: (date: Date, reason: StopReason)?) { self.deadline = deadline }

  /// Why the run was stopped, if it was.
  public var reason: StopReason? {
    condition.lock()
    defer { condition.unlock() }
    return stopped
  }

  /// Stops the run (the first reason wins); calls the stop handlers.
  public func stop(_ reason: StopReason) {
    condition.lock()
    guard stopped == nil, !finished else {
      condition.unlock()
      return
    }
    stopped = reason
    let toCall = handlers
    condition.broadcast()
    condition.unlock()
    for handler in toCall { handler(reason) }
  }

  /// Calls `handler` when the run is stopped (at once if it already is).
  public func onStop(_ handler: @escaping @Sendable (StopReason) -> Void) {
    condition.lock()
    if let stopped {
      condition.unlock()
      handler(stopped)
      return
    }
    handlers.append(handler)
    condition.unlock()
  }

  /// The run is over: wakes the deadline timer and ignores later stops.
  public func finish() {
    condition.lock()
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// Waits `seconds` of `clock` time. Returns false, early, when the run is stopped or its deadline comes.
  public func pause(_ seconds: Double, clock: any EngineClock) -> Bool {
    if let simulated = clock as? SimulatedClock {
      if let deadline, simulated.now().addingTimeInterval(seconds) >= deadline.date {
        simulated.sleep(seconds: deadline.date.timeIntervalSince(simulated.now()))
        stop(deadline.reason)
        return false
      }
      simulated.sleep(seconds: seconds)
      return reason == nil
    }
    let end = Date().addingTimeInterval(max(0, seconds))
    return waitUntil(end)
  }

  /// Starts a thread that stops the run at its deadline (real clock); it ends with the run.
  public func armDeadline() {
    guard let deadline else { return }
    let thread = Thread { [self] in
      if waitUntil(deadline.date, honourDeadline: false) && !isFinished { stop(deadline.reason) }
    }
    thread.stackSize = 1 << 18
    thread.start()
  }

  private var isFinished: Bool {
    condition.lock()
    defer { condition.unlock() }
    return finished
  }

  /// Waits until `end` (real time). True when `end` came; false when the run was stopped or finished,
  /// or (when `honourDeadline`) its deadline came first, which stops it.
  private func waitUntil(_ end: Date, honourDeadline: Bool = true) -> Bool {
    condition.lock()
    while stopped == nil && !finished {
      let now = Date()
      if honourDeadline, let deadline, now >= deadline.date {
        condition.unlock()
        stop(deadline.reason)
        return false
      }
      if now >= end {
        condition.unlock()
        return true
      }
      let due = honourDeadline ? min(end, deadline?.date ?? end) : end
      _ = condition.wait(until: due)
    }
    condition.unlock()
    return false
  }
}
