import Foundation
import Synchronization

/// Time, as the engine sees it: real for real runs, simulated for dry runs.
public protocol EngineClock: Sendable {
  /// Now.
  func now() -> Date
  /// Waits (or pretends to).
  func sleep(seconds: Double)
}

/// The wall clock.
public struct SystemClock: EngineClock {
  /// Makes one.
  public init() {}
  public func now() -> Date { Date() }
  public func sleep(seconds: Double) {
    if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
  }
}

/// A clock that moves only when slept on: dry runs report simulated time without waiting.
public final class SimulatedClock: EngineClock {
  private let current: Mutex<Date>

  /// Starts at `start`.
  public init(start: Date) { current = Mutex(start) }

  public func now() -> Date { current.withLock { $0 } }

  public func sleep(seconds: Double) {
    current.withLock { $0 = $0.addingTimeInterval(max(0, seconds)) }
  }
}
