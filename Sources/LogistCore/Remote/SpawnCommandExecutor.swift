import Foundation
import Synchronization

/// The remote layer's executor, on the shared ``ProcessRunner``: the child leads its own process group
/// with default signal dispositions and an empty mask, both pipes are drained while it runs, and on
/// timeout the whole group gets SIGTERM, then SIGKILL two seconds later. A grandchild that keeps the
/// pipes open (an ssh connection master) delays the result by at most one second after the child exits.
public struct SpawnCommandExecutor: CommandExecutor {
  /// Makes an executor.
  public init() {}

  public func run(_ argv: [String], stdin: Data?, timeout: Double?) throws(LogistError) -> CommandResult {
    try run(argv, stdin: stdin, timeout: timeout, hooks: CommandHooks())
  }

  public func run(_ argv: [String], stdin: Data?, timeout: Double?, hooks: CommandHooks) throws(LogistError)
    -> CommandResult
  {
    guard let program = argv.first, !program.isEmpty else { throw .invalid("cannot run an empty command") }
    if argv.contains(where: { $0.utf8.contains(0) }) {
      throw .invalid("an argument for `\(program)` contains a NUL byte, which no program can receive; remove it")
    }
    let output = Mutex<(stdout: Data, stderr: Data)>((Data(), Data()))
    let spec = ProcessSpec(
      arguments: argv, workingDirectory: FileManager.default.currentDirectoryPath, standardInput: stdin ?? Data(),
      timeout: timeout, gracePeriod: 2, drainWindow: 1)
    let tap = hooks.onOutput
    let keeps = hooks.keepsOutput
    let runner = ProcessRunner(spec) { channel, chunk in
      tap?(channel, chunk)
      guard keeps else { return }
      output.withLock { buffers in
        if channel == .stdout { buffers.stdout.append(chunk) } else { buffers.stderr.append(chunk) }
      }
    }
    hooks.stop?.attach(runner)
    defer { hooks.stop?.attach(nil) }
    let result = try runner.run()
    if case .stopped(let reason)? = result.stop {
      throw LogistError(.system, "`\(program)` was stopped: \(reason)")
    }
    if result.timedOut, let timeout {
      let shown = String(format: "%g", timeout)
      throw LogistError(.system, "`\(program)` did not finish within \(shown) s and was stopped")
    }
    let (stdout, stderr) = output.withLock { ($0.stdout, $0.stderr) }
    return CommandResult(exitCode: result.termination.shellStatus, stdout: stdout, stderr: stderr)
  }
}
