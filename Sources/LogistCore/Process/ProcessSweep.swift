import CPosix
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A process a sweep stopped: one a run left behind.
public struct StoppedProcess: Sendable, Equatable {
  /// Its id.
  public var pid: Int32
  /// Its command line (shortened).
  public var command: String
  /// Whether it outlived SIGTERM and the grace period and was killed with SIGKILL.
  public var killed: Bool

  /// `4242 (sleep 300)`.
  public var description: String { "\(pid) (\(command))\(killed ? " killed" : "")" }

  /// `2 processes: 4242 (sh -c …), 4250 (sleep 300)`.
  public static func describe(_ list: [StoppedProcess]) -> String {
    let shown = list.prefix(5).map(\.description).joined(separator: ", ")
    let more = list.count > 5 ? ", and \(list.count - 5) more" : ""
    return "\(list.count) process\(list.count == 1 ? "" : "es"): \(shown)\(more)"
  }
}

/// Finds and stops the processes of a run: those carrying its token (or any token of a job), the
/// members of given process groups, orphans reparented to this process, and every descendant of those; SIGTERM, up to `grace` seconds,
/// then SIGKILL, until none is left.
enum ProcessSweep {
  /// Live processes (not this one) whose run token starts with `tokenPrefix`, or in one of `groups`,
  /// with all their descendants.
  /// With `orphans`, also this process's own children no runner owns (see ``ChildRegistry/orphans()``).
  static func find(tokenPrefix: String, groups: Set<Int32> = [], orphans: Bool = false) -> [Int32: ProcessEntry] {
    let table = ProcessTable.snapshot()
    let me = getpid()
    let adopted = orphans ? ChildRegistry.orphans() : []
    var found: [Int32: ProcessEntry] = [:]
    for entry in table.values where entry.pid != me && entry.state != "Z" {
      if groups.contains(entry.group) || adopted.contains(entry.pid)
        || ProcessTable.environmentValue(entry.pid, RunToken.variable)?.hasPrefix(tokenPrefix) == true
      {
        found[entry.pid] = entry
      }
    }
    var children: [Int32: [ProcessEntry]] = [:]
    for entry in table.values where entry.state != "Z" { children[entry.parent, default: []].append(entry) }
    var queue = Array(found.keys)
    while let pid = queue.popLast() {
      for child in children[pid] ?? [] where child.pid != me && found[child.pid] == nil {
        found[child.pid] = child
        queue.append(child.pid)
      }
    }
    return found
  }

  /// Stops what ``find(tokenPrefix:groups:)`` finds: SIGTERM to all, a wait of up to `grace` seconds
  /// for them to exit, then SIGKILL to whatever is left or was started meanwhile, until nothing is found.
  static func stop(tokenPrefix: String, groups: Set<Int32> = [], orphans: Bool = false, grace: Double)
    -> [StoppedProcess]
  {
    var stopped: [Int32: StoppedProcess] = [:]
    var targets = Target.open(find(tokenPrefix: tokenPrefix, groups: groups, orphans: orphans))
    guard !targets.isEmpty else { return [] }
    for target in targets {
      stopped[target.pid] = StoppedProcess(pid: target.pid, command: target.command, killed: false)
      target.signal(SIGTERM)
    }
    Target.wait(targets, seconds: grace)
    for round in 0..<10 {
      for target in targets { target.close() }
      targets = Target.open(find(tokenPrefix: tokenPrefix, groups: groups, orphans: orphans))
      if targets.isEmpty { break }
      for target in targets {
        let known = stopped[target.pid]
        stopped[target.pid] = StoppedProcess(
          pid: target.pid, command: known?.command ?? target.command, killed: true)
        target.signal(SIGKILL)
      }
      Target.wait(targets, seconds: round < 9 ? 2 : 5)
    }
    for target in targets { target.close() }
    return stopped.values.sorted { $0.pid < $1.pid }
  }

  /// A process held by a pidfd, so a signal can never reach a recycled id.
  struct Target {
    var pid: Int32
    var fd: Int32
    var command: String
    var isOwnChild: Bool

    static func open(_ entries: [Int32: ProcessEntry]) -> [Target] {
      let me = getpid()
      return entries.values.sorted { $0.pid < $1.pid }.compactMap { entry in
        let fd = cposix_pidfd_open(entry.pid)
        guard fd >= 0 else { return nil }
        return Target(
          pid: entry.pid, fd: fd, command: ProcessTable.commandLine(entry.pid), isOwnChild: entry.parent == me)
      }
    }

    func signal(_ signal: Int32) { _ = cposix_pidfd_send_signal(fd, signal) }

    func close() {
      if isOwnChild { ChildRegistry.reapIfStray(pid) }
      _ = Glibc.close(fd)
    }

    /// Waits until every target has exited (its pidfd is readable) or `seconds` pass.
    static func wait(_ targets: [Target], seconds: Double) {
      let end = Date().addingTimeInterval(seconds)
      var pending = targets
      while !pending.isEmpty {
        let left = end.timeIntervalSinceNow
        guard left > 0 else { return }
        var fds = pending.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), Int32(min(left, 1) * 1000) + 1)
        if ready < 0 && errno != EINTR { return }
        pending = zip(pending, fds).filter { $0.1.revents == 0 }.map(\.0)
      }
    }
  }
}
