import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Turns SIGINT and SIGTERM into calls on a dedicated thread, so a command can stop its work
/// cleanly (`job run` interrupts the engine: the agent's process group is stopped, the job is
/// marked interrupted, and the command exits 130).
///
/// ``install()`` blocks both signals in the calling thread, which must be the main thread before
/// any other thread starts (threads inherit the mask), then starts a thread that `sigwait`s for
/// them. Without a handler a signal ends the process as it would by default. Children spawned
/// through ``ProcessRunner`` get an empty mask of their own. SIGCHLD is left alone.
public final class SignalForwarder: Sendable {
  /// The process's forwarder.
  public static let shared = SignalForwarder()

  private let handler = Mutex<(@Sendable (Int32) -> Void)?>(nil)
  private let installed = Mutex(false)

  private init() {}

  /// The signals forwarded.
  static var signals: sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    return set
  }

  /// Blocks SIGINT and SIGTERM here and starts the waiting thread (once).
  public func install() {
    let first = installed.withLock { done in
      defer { done = true }
      return !done
    }
    guard first else { return }
    var set = Self.signals
    pthread_sigmask(SIG_BLOCK, &set, nil)
    let thread = Thread { [self] in self.wait() }
    thread.name = "logist-signals"
    thread.stackSize = 1 << 18
    thread.start()
  }

  /// Calls `body` (on the signal thread) for each SIGINT or SIGTERM from now on; nil restores the default.
  public func onSignal(_ body: (@Sendable (Int32) -> Void)?) {
    handler.withLock { $0 = body }
  }

  /// Before `exec` (`job chat`): unblocks the signals and gives SIGPIPE back its default, so the new
  /// program starts with the dispositions a shell would give it.
  public func restoreDefaults() {
    var set = Self.signals
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    signal(SIGPIPE, SIG_DFL)
  }

  /// `SIGINT (Ctrl-C)`, `SIGTERM`.
  public static func name(_ signal: Int32) -> String {
    signal == SIGINT ? "SIGINT (Ctrl-C)" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
  }

  private func wait() {
    var set = Self.signals
    while true {
      var received: Int32 = 0
      guard sigwait(&set, &received) == 0 else { continue }
      if let body = handler.withLock({ $0 }) {
        body(received)
        continue
      }
      // No handler: die of the signal, as without the forwarder.
      signal(received, SIG_DFL)
      var one = sigset_t()
      sigemptyset(&one)
      sigaddset(&one, received)
      kill(getpid(), received)
      pthread_sigmask(SIG_UNBLOCK, &one, nil)
    }
  }
}
