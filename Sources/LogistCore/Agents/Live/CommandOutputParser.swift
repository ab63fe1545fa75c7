import Foundation

/// Reads the output of a `command` agent: any program. It reports no usage (a command agent puts its
/// usage in the response's `usage` block); its final text is the end of its standard output, where
/// the agent response is looked for; a non-zero exit is a failure classified from what it printed.
public struct CommandOutputParser: AgentOutputParser {
  /// Most of standard output kept for the response search.
  static let keep = 1024 * 1024
  private var tail: [UInt8] = []
  private var errorLines: [String] = []
  private var outputLines: [String] = []
  private var exitCode: Int32??

  public private(set) var lastActivity: String?

  /// A parser for one run.
  public init() {}

  public mutating func feed(line: Data) {
    tail.append(contentsOf: line)
    tail.append(0x0A)
    if tail.count > 2 * Self.keep { tail.removeFirst(tail.count - Self.keep) }
    FormatText.remember(line, in: &outputLines, keep: 5)
    if let last = outputLines.last { lastActivity = FormatText.short(last, limit: 80) }
  }

  public mutating func feed(errorLine: Data) { FormatText.remember(errorLine, in: &errorLines, keep: 5) }

  public mutating func finish(exitCode: Int32?) { self.exitCode = .some(exitCode) }

  public var usage: Usage { .zero }
  public var reportedCostUSD: Double? { nil }
  public var model: String? { nil }
  public var sessionID: String? { nil }
  public var completed: Bool { exitCode != nil }
  public var notes: [String] { [] }

  public var resultText: String? {
    tail.isEmpty ? nil : String(decoding: tail.suffix(Self.keep), as: UTF8.self)
  }

  public var failure: AgentFailure? {
    guard case .some(let code) = exitCode, code != 0 else { return nil }
    let said = (errorLines.suffix(3).isEmpty ? outputLines.suffix(2) : errorLines.suffix(3)).joined(separator: " | ")
    let ending = code.map { "exited with status \($0)" } ?? "was ended by a signal"
    return AgentFailure.classified(
      "the command \(ending)" + (said.isEmpty ? "" : ": \(said)"), code: code.map { "exit \($0)" } ?? "signal")
  }
}
