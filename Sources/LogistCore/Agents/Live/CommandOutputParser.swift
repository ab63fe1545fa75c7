import Foundation

/// Reads the output of a `command` agent: any program. It reports no usage (a command agent puts its
/// usage in the response's `usage` block); its final text is the end of its standard output, where
/// the agent response is looked for; a non-zero exit is a failure classified from what it printed.
/// Cheap per line and bounded: only the last bytes of each stream are kept (the end of a cut line
/// included), and the last lines are found in them when asked for.
public struct CommandOutputParser: AgentOutputParser {
  /// Most of standard output kept for the response search.
  static let keep = 1024 * 1024
  /// Most of standard error kept to quote in a failure.
  static let keepErrors = 64 * 1024
  private var output = TailBuffer(capacity: keep)
  private var errors = TailBuffer(capacity: keepErrors)
  private var exitCode: Int32??

  /// A parser for one run.
  public init() {}

  public mutating func feed(line: Data) {
    output.append(line)
    output.append(Self.newline)
  }

  public mutating func feed(cutLine: OutputLine) {
    output.append(cutLine.bytes.prefix(Self.keep - cutLine.tail.count))
    output.append(cutLine.tail)
    output.append(Self.newline)
  }

  public mutating func feed(errorLine: Data) {
    errors.append(errorLine)
    errors.append(Self.newline)
  }

  public mutating func finish(exitCode: Int32?) { self.exitCode = .some(exitCode) }

  public var usage: Usage { .zero }
  public var reportedCostUSD: Double? { nil }
  public var model: String? { nil }
  public var sessionID: String? { nil }
  public var completed: Bool { exitCode != nil }
  public var notes: [String] { [] }

  public var lastActivity: String? {
    Self.lastLines(output, 1).last.map {
      FormatText.short(FormatText.stripANSI(TerminalText.decode($0.prefix(400))), limit: 80)
    }
  }

  public var resultText: String? {
    output.isEmpty ? nil : String(decoding: output.data, as: UTF8.self)
  }

  public var failure: AgentFailure? {
    guard case .some(let code) = exitCode, code != 0 else { return nil }
    let errorLines = Self.lastLines(errors, 3)
    let lines = errorLines.isEmpty ? Self.lastLines(output, 2) : errorLines
    let said = lines.map { FormatText.stripANSI(TerminalText.decode($0.prefix(500))) }
      .joined(separator: " | ")
    let ending = code.map { "exited with status \($0)" } ?? "was ended by a signal"
    return AgentFailure.classified(
      "the command \(ending)" + (said.isEmpty ? "" : ": \(said)"), code: code.map { "exit \($0)" } ?? "signal")
  }

  private static let newline = Data([0x0A])

  /// The last `count` non-blank lines of what `buffer` holds (of its last 16 KiB), oldest first.
  private static func lastLines(_ buffer: TailBuffer, _ count: Int) -> [Data] {
    let end = buffer.suffix(16 * 1024)
    let lines = end.split(separator: 0x0A).filter { line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } }
    return lines.suffix(count).map { Data($0) }
  }
}
