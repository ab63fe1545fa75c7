import Foundation

/// Reads the output of a `command` agent: any program. It reports no usage (a command agent puts its
/// usage in the response's `usage` block); its final text is the end of its standard output, where
/// the agent response is looked for; a non-zero exit is a failure classified from what it printed.
/// Cheap per line (only raw bytes are kept), so many megabytes of output cost little.
public struct CommandOutputParser: AgentOutputParser {
  /// Most of standard output kept for the response search.
  static let keep = 1024 * 1024
  private var tail: [UInt8] = []
  private var errorLines: [Data] = []
  private var outputLines: [Data] = []
  private var exitCode: Int32??

  /// A parser for one run.
  public init() {}

  public mutating func feed(line: Data) {
    tail.append(contentsOf: line)
    tail.append(0x0A)
    if tail.count > 2 * Self.keep { tail.removeFirst(tail.count - Self.keep) }
    Self.keepLast(line, in: &outputLines)
  }

  public mutating func feed(errorLine: Data) { Self.keepLast(errorLine, in: &errorLines) }

  public mutating func finish(exitCode: Int32?) { self.exitCode = .some(exitCode) }

  public var usage: Usage { .zero }
  public var reportedCostUSD: Double? { nil }
  public var model: String? { nil }
  public var sessionID: String? { nil }
  public var completed: Bool { exitCode != nil }
  public var notes: [String] { [] }

  public var lastActivity: String? {
    outputLines.last.map {
      FormatText.short(FormatText.stripANSI(TerminalText.decode($0.prefix(400))), limit: 80)
    }
  }

  public var resultText: String? {
    tail.isEmpty ? nil : String(decoding: tail.suffix(Self.keep), as: UTF8.self)
  }

  public var failure: AgentFailure? {
    guard case .some(let code) = exitCode, code != 0 else { return nil }
    let lines = errorLines.isEmpty ? outputLines.suffix(2) : errorLines.suffix(3)
    let said = lines.map { FormatText.stripANSI(TerminalText.decode($0.prefix(500))) }
      .joined(separator: " | ")
    let ending = code.map { "exited with status \($0)" } ?? "was ended by a signal"
    return AgentFailure.classified(
      "the command \(ending)" + (said.isEmpty ? "" : ": \(said)"), code: code.map { "exit \($0)" } ?? "signal")
  }

  /// Keeps the last few non-blank lines.
  private static func keepLast(_ line: Data, in lines: inout [Data]) {
    guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
    lines.append(line)
    if lines.count > 8 { lines.removeFirst(lines.count - 5) }
  }
}
