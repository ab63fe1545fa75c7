import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C and SIGTERM for commands that run threads: the signals are blocked in every thread and one
/// dedicated thread takes them with `sigwait`, so a handler runs as plain code (it may lock, write, log)
/// rather than in a signal context.
public enum StopSignals {
  /// Blocks SIGINT and SIGTERM in the calling thread, and so in every thread it starts afterwards: call
  /// it on the main thread before starting any. Then `handler` is called on a dedicated thread with each
  /// signal that arrives.
  public static func watch(_ handler: @escaping @Sendable (Int32) -> Void) {
    var set = signals()
    pthread_sigmask(SIG_BLOCK, &set, nil)
    let thread = Thread {
      var waited = signals()
      while true {
        var signal: Int32 = 0
        if sigwait(&waited, &signal) == 0 { handler(signal) }
      }
    }
    thread.name = "signals"
    thread.start()
  }

  /// `SIGINT`, `SIGTERM`.
  public static func name(_ signal: Int32) -> String { signal == SIGINT ? "SIGINT" : "SIGTERM" }

  private static func signals() -> sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    return set
  }
}
