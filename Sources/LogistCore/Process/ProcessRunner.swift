import CPosix
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs one child process so that it can never hang its supervisor.
///
/// The child gets its own process group, default signal dispositions and an empty signal mask.
/// Its standard output and error are drained concurrently on dedicated threads and handed to
/// `onOutput` chunk by chunk as they arrive (never two calls at once); `waitpid` runs on its own
/// thread too. When the deadline passes or ``stop(_:)`` is called, the whole group gets SIGTERM,
/// then SIGKILL after the grace period. Once the child exits, its pipes get a short drain window,
/// then whatever is left of its group is killed and reading stops, so a background grandchild
/// holding a pipe open delays nothing.
public final class ProcessRunner: @unchecked Sendable {
  /// What runs.
  public let spec: ProcessSpec
  let onOutput: @Sendable (OutputChannel, Data) -> Void
  let condition = NSCondition()
  let delivery = NSLock()
  // Guarded by `condition`.
  var requestedStop: ProcessStop?
  var exited = false
  var openReaders = 0
  var openPumps = 0
  var started = false

  /// Prepares a run; `onOutput` receives every chunk of output, on a reader thread.
  public init(_ spec: ProcessSpec, onOutput: @escaping @Sendable (OutputChannel, Data) -> Void) {
    self.spec = spec
    self.onOutput = onOutput
  }

  /// Ends the run: SIGTERM to the group, SIGKILL after the grace period. Safe from any thread
  /// (a signal-handling thread, a limit check); the first reason wins; nothing happens once the
  /// child has exited. Called before ``run()``, the child is stopped as soon as it starts.
  public func stop(_ reason: String) {
    condition.lock()
    if requestedStop == nil && !exited { requestedStop = .stopped(reason: reason) }
    condition.broadcast()
    condition.unlock()
  }

  /// Spawns the child, blocks until it and its pipes are done, and says how it ended. Call once.
  /// - Throws: when the executable or the working directory is missing, or the spawn fails.
  public func run() throws(LogistError) -> ProcessResult {
    condition.lock()
    let again = started
    started = true
    condition.unlock()
    guard !again else { throw LogistError(.system, "a ProcessRunner runs only once: make a new one") }
    guard let name = spec.arguments.first else { throw .invalid("the command is empty: give the executable to run") }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: spec.workingDirectory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw .invalid("working directory \(spec.workingDirectory) does not exist: create it or fix the path")
    }
    let path = try ExecutableLocator.resolve(
      name, searchPath: spec.environment["PATH"], workingDirectory: spec.workingDirectory)
    let pipes = try ChildPipes(withStdin: spec.standardInput != nil)
    let clock = ContinuousClock()
    let start = clock.now
    var environment = spec.environment
    if let token = spec.runToken {
      environment[RunToken.variable] = token
      ChildRegistry.beginContainedRun()
    }
    defer { if spec.runToken != nil { ChildRegistry.endContainedRun() } }
    let pid: pid_t
    do throws(LogistError) {
      pid = try ChildRegistry.spawn { () throws(LogistError) -> Int32 in
        try PosixSpawn.spawn(
          path: path, arguments: spec.arguments, environment: environment, directory: spec.workingDirectory,
          stdin: pipes.stdin?.read, stdout: pipes.stdout.write, stderr: pipes.stderr.write,
          diesWithParent: spec.runToken != nil)
      }
    } catch {
      pipes.closeAll()
      throw error
    }
    pipes.closeChildEnds()
    startPumps(pid: pid, pipes: pipes)
    let (stop, killed) = supervise(pid: pid, clock: clock, start: start)
    let leftovers =
      spec.runToken.map {
        ProcessSweep.stop(tokenPrefix: $0, groups: [pid], orphans: true, grace: spec.gracePeriod)
      } ?? []
    finish(pid: pid, wake: pipes.wake.write)
    let termination = reap(pid)
    ChildRegistry.release(pid)
    pipes.closeWake()
    let elapsed = start.duration(to: clock.now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    var result = ProcessResult(pid: pid, termination: termination, stop: stop, killed: killed, duration: seconds)
    result.leftovers = leftovers
    return result
  }

  /// Waits for the child to exit, stopping its group on the deadline or on request, then for its
  /// pipes to close or the drain window to pass. Returns why it was stopped and whether SIGKILL was needed.
  private func supervise(pid: pid_t, clock: ContinuousClock, start: ContinuousClock.Instant) -> (ProcessStop?, Bool) {
    let deadline = spec.timeout.map { start.advanced(by: .seconds($0)) }
    var terminatedAt: ContinuousClock.Instant?
    var killed = false
    var exitedAt: ContinuousClock.Instant?
    condition.lock()
    defer { condition.unlock() }
    while true {
      let now = clock.now
      var wake: ContinuousClock.Instant?
      if !exited {
        if requestedStop == nil, let deadline, now >= deadline, let timeout = spec.timeout {
          requestedStop = .timedOut(seconds: timeout)
        }
        if requestedStop != nil && terminatedAt == nil {
          _ = kill(-pid, SIGTERM)
          terminatedAt = now
        }
        if let terminatedAt, !killed, now >= terminatedAt.advanced(by: .seconds(spec.gracePeriod)) {
          _ = kill(-pid, SIGKILL)
          killed = true
        }
        if requestedStop == nil { wake = deadline }
        if let terminatedAt, !killed { wake = terminatedAt.advanced(by: .seconds(spec.gracePeriod)) }
      } else {
        let since = exitedAt ?? now
        exitedAt = since
        // A contained run's leftovers are stopped at once (their pipes close with them): they must not
        // act after the child's end.
        let window = spec.runToken == nil ? spec.drainWindow : 0
        let drained = since.advanced(by: .seconds(window))
        if openReaders == 0 || now >= drained { return (requestedStop, killed) }
        wake = drained
      }
      if let wake {
        let left = now.duration(to: wake)
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        _ = condition.wait(until: Date(timeIntervalSinceNow: max(seconds, 0) + 0.001))
      } else {
        condition.wait()
      }
    }
  }

  /// Kills what is left of the group (the exited child, a zombie not yet reaped, keeps its id
  /// reserved), wakes the pumps so they stop, and waits for them.
  private func finish(pid: pid_t, wake: Int32) {
    _ = kill(-pid, SIGKILL)
    var byte: UInt8 = 1
    while write(wake, &byte, 1) < 0 && errno == EINTR {}
    condition.lock()
    while openPumps > 0 { condition.wait() }
    condition.unlock()
  }

  /// Reaps the child and decodes its status.
  private func reap(_ pid: pid_t) -> ProcessTermination {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return .exited(-1) }
    }
    if cposix_wifexited(status) != 0 { return .exited(cposix_wexitstatus(status)) }
    if cposix_wifsignaled(status) != 0 { return .signaled(cposix_wtermsig(status)) }
    return .exited(-1)
  }
}
