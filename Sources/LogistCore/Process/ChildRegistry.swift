import CPosix
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The children this process's runners own, and the child-subreaper setting while contained runs
/// are live.
///
/// While a contained run is live, `logist` is a child subreaper (`PR_SET_CHILD_SUBREAPER`): a
/// descendant whose parent exits (a helper that double-forked or called `setsid`) is reparented to
/// `logist` instead of init, so the run's sweep still finds it. Such orphans become `logist`'s own
/// zombies when they exit; ``reapStrays()`` reaps them, never a child a runner is still waiting for.
public enum ChildRegistry {
  struct State {
    var owned: Set<Int32> = []
    var containedRuns = 0
    var reapsStrays = false
  }

  static let state = Mutex(State())

  /// Declares that every child of this process is started by a ``ProcessRunner``, so a zombie child
  /// no runner owns is an orphan a contained run left and may be reaped. The CLI calls this once at
  /// start; a host program that starts children by other means must not.
  public static func ownsAllChildren() {
    state.withLock { $0.reapsStrays = true }
  }

  /// Spawns under the registry's lock and registers the new child, so no stray reaping can take it first.
  static func spawn(_ body: () throws(LogistError) -> Int32) throws(LogistError) -> Int32 {
    try state.withLock { (state: inout State) throws(LogistError) -> Int32 in
      let pid = try body()
      state.owned.insert(pid)
      return pid
    }
  }

  /// The runner has reaped `pid`.
  static func release(_ pid: Int32) {
    _ = state.withLock { $0.owned.remove(pid) }
  }

  /// A contained run begins: the first one makes this process a child subreaper.
  static func beginContainedRun() {
    state.withLock { state in
      if state.containedRuns == 0 { _ = cposix_set_subreaper(1) }
      state.containedRuns += 1
    }
  }

  /// A contained run ended: the last one turns the subreaper off again.
  static func endContainedRun() {
    state.withLock { state in
      state.containedRuns = max(0, state.containedRuns - 1)
      if state.containedRuns == 0 { _ = cposix_set_subreaper(0) }
    }
    reapStrays()
  }

  /// Live children of this process no runner owns: orphans reparented here while a contained run
  /// was live. Only when every child is a runner's (``ownsAllChildren()``) and the contained run's
  /// child is the only one a runner owns (no other run, no ssh of a render beside it), so they can
  /// only be that run's, whatever their environment says.
  static func orphans() -> Set<Int32> {
    state.withLock { state in
      guard state.reapsStrays, state.containedRuns <= 1, state.owned.count <= 1 else { return [] }
      let me = getpid()
      return Set(
        ProcessTable.snapshot().values.filter { $0.parent == me && $0.state != "Z" && !state.owned.contains($0.pid) }
          .map(\.pid))
    }
  }

  /// Reaps `pid` if it is an exited child of this process that no runner owns.
  static func reapIfStray(_ pid: Int32) {
    state.withLock { state in
      guard !state.owned.contains(pid) else { return }
      var status: Int32 = 0
      while waitpid(pid, &status, WNOHANG) < 0 && errno == EINTR {}
    }
  }

  /// Reaps every exited child no runner owns (only after ``ownsAllChildren()``).
  static func reapStrays() {
    state.withLock { state in
      guard state.reapsStrays else { return }
      let me = getpid()
      for entry in ProcessTable.snapshot().values where entry.parent == me && entry.state == "Z" {
        guard !state.owned.contains(entry.pid) else { continue }
        var status: Int32 = 0
        while waitpid(entry.pid, &status, WNOHANG) < 0 && errno == EINTR {}
      }
    }
  }
}
