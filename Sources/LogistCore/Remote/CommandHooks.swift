import Foundation
import Synchronization

/// What a caller may attach to one command run: a handle that stops it from another thread, and a tap
/// that sees its output as it arrives (`docker logs --follow`).
public struct CommandHooks: Sendable {
  /// Stops the command when pulled.
  public var stop: CommandStop?
  /// Receives every chunk of output, on a reader thread, before the run returns.
  public var onOutput: (@Sendable (OutputChannel, Data) -> Void)?
  /// Whether the result also holds the output; false leaves it empty, so output of any size that
  /// ``onOutput`` streams somewhere (a container's log) costs no memory.
  public var keepsOutput = true

  /// Hooks with a stop handle and an output tap, both optional.
  public init(stop: CommandStop? = nil, onOutput: (@Sendable (OutputChannel, Data) -> Void)? = nil) {
    self.stop = stop
    self.onOutput = onOutput
  }
}

/// Stops a command that runs on another thread (a `docker wait` the engine gives up on). The first
/// reason wins; a command attached after the stop is stopped as soon as it starts.
public final class CommandStop: Sendable {
  private let state = Mutex<(reason: String?, runner: ProcessRunner?)>((nil, nil))

  /// Makes one.
  public init() {}

  /// Why it was pulled, if it was.
  public var reason: String? { state.withLock { $0.reason } }

  /// Stops the attached command (SIGTERM to its group, then SIGKILL) and every later one.
  public func stop(_ reason: String) {
    let runner = state.withLock { state -> ProcessRunner? in
      if state.reason == nil { state.reason = reason }
      return state.runner
    }
    runner?.stop(reason)
  }

  /// Makes `runner` the command to stop.
  func attach(_ runner: ProcessRunner?) {
    let reason = state.withLock { state -> String? in
      state.runner = runner
      return state.reason
    }
    if let reason { runner?.stop(reason) }
  }
}
