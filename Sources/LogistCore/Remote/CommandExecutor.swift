import Foundation

/// Runs one program to completion: the seam between the remote layer and process execution, so the
/// remote layer can move to the shared process runner without changing its callers.
///
/// Implementations block the calling thread until the program exits: call them from a dedicated
/// thread, never from a Swift-concurrency pool thread.
public protocol CommandExecutor: Sendable {
  /// Runs `argv` (`argv[0]` looked up in `PATH`) with `stdin` as its standard input (none: `/dev/null`);
  /// after `timeout` seconds the program is stopped and the call throws.
  func run(_ argv: [String], stdin: Data?, timeout: Double?) throws(LogistError) -> CommandResult

  /// The same, with `hooks`: a run stopped through `hooks.stop` throws a `.system` error saying so.
  func run(_ argv: [String], stdin: Data?, timeout: Double?, hooks: CommandHooks) throws(LogistError)
    -> CommandResult
}

extension CommandExecutor {
  /// Executors that cannot stop or tap a command run it to its end and hand its output over at once.
  public func run(_ argv: [String], stdin: Data?, timeout: Double?, hooks: CommandHooks) throws(LogistError)
    -> CommandResult
  {
    let result = try run(argv, stdin: stdin, timeout: timeout)
    if let tap = hooks.onOutput {
      if !result.stdout.isEmpty { tap(.stdout, result.stdout) }
      if !result.stderr.isEmpty { tap(.stderr, result.stderr) }
    }
    return result
  }
}

/// How a program ended and what it printed.
public struct CommandResult: Sendable, Equatable {
  /// The exit code; 128 + N when signal N ended it, as shells report it.
  public let exitCode: Int32
  /// Everything it wrote to standard output.
  public let stdout: Data
  /// Everything it wrote to standard error.
  public let stderr: Data

  /// Makes a result.
  public init(exitCode: Int32, stdout: Data, stderr: Data) {
    self.exitCode = exitCode
    self.stdout = stdout
    self.stderr = stderr
  }

  /// Standard output as text (invalid UTF-8 repaired).
  public var output: String { String(decoding: stdout, as: UTF8.self) }

  /// The last non-empty line of standard error, trimmed: the line that usually says what went wrong.
  public var errorLine: String {
    let lines = String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
    let line = lines.last { !$0.allSatisfy(\.isWhitespace) } ?? ""
    return line.trimmingCharacters(in: .whitespaces)
  }
}
