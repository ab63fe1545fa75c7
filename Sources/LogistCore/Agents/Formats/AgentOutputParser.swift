import Foundation

/// Reads one agent CLI's output as it streams: feed it lines, read its state at any time.
///
/// The state after a partial stream (a run killed before the tool's final event) is what the
/// stream reported so far, so its usage can still be accounted.
public protocol AgentOutputParser: Sendable {
  /// Feeds one complete line of the tool's standard output (without its newline).
  mutating func feed(line: Data)
  /// Feeds one complete line of the tool's standard error.
  mutating func feed(errorLine: Data)
  /// Feeds a line of standard output too long to keep whole (``OutputLine/isCut``): its first and
  /// last bytes. By default it is skipped (a cut JSON event cannot be parsed).
  mutating func feed(cutLine: OutputLine)
  /// Marks the end of the output; `exitCode` is the tool's exit status (nil when a signal ended it).
  mutating func finish(exitCode: Int32?)

  /// Usage so far: the four token buckets, actions (turns or tool calls), and the reported cost (0 without one).
  var usage: Usage { get }
  /// The cost the tool itself reported, in US dollars; nil when it reported none.
  var reportedCostUSD: Double? { get }
  /// The model the tool says it used.
  var model: String? { get }
  /// The tool's session (thread, task) id, for resuming.
  var sessionID: String? { get }
  /// The agent's final message, from which the agent response is extracted.
  var resultText: String? { get }
  /// Why the run failed, judged from the tool's own final event first and its exit code second.
  /// Before ``finish(exitCode:)`` only failures the stream has already reported show.
  var failure: AgentFailure? { get }
  /// What the agent did last, one short line for a live status display.
  var lastActivity: String? { get }
  /// Whether the tool's final event (result, turn end, run result) arrived.
  var completed: Bool { get }
  /// Things worth telling the user that are not failures (permission denials, warnings).
  var notes: [String] { get }
}

extension AgentOutputParser {
  public mutating func feed(cutLine: OutputLine) {}

  /// Feeds a line as a ``LineSplitter`` gives it: whole lines to ``feed(line:)`` or
  /// ``feed(errorLine:)``; of a cut line, standard output gets ``feed(cutLine:)`` and standard error
  /// its first bytes (enough to quote it in a failure message).
  public mutating func feed(_ line: OutputLine, isError: Bool) {
    if isError {
      feed(errorLine: line.isCut ? line.bytes.prefix(FormatText.quoteLength) : line.bytes)
    } else if line.isCut {
      feed(cutLine: line)
    } else {
      feed(line: line.bytes)
    }
  }

  /// Feeds a line given as text.
  public mutating func feed(line: String) { feed(line: Data(line.utf8)) }
  /// Feeds every line of `text` (and a last line without a newline).
  public mutating func feed(text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
      feed(line: Data(line.utf8))
    }
  }
}

/// The four token buckets, added up or merged.
struct TokenCounts: Sendable, Equatable {
  var input = 0
  var output = 0
  var cacheRead = 0
  var cacheWrite = 0

  static func + (lhs: TokenCounts, rhs: TokenCounts) -> TokenCounts {
    TokenCounts(
      input: lhs.input + rhs.input, output: lhs.output + rhs.output, cacheRead: lhs.cacheRead + rhs.cacheRead,
      cacheWrite: lhs.cacheWrite + rhs.cacheWrite)
  }

  static func - (lhs: TokenCounts, rhs: TokenCounts) -> TokenCounts {
    TokenCounts(
      input: lhs.input - rhs.input, output: lhs.output - rhs.output, cacheRead: lhs.cacheRead - rhs.cacheRead,
      cacheWrite: lhs.cacheWrite - rhs.cacheWrite)
  }

  /// The larger of each bucket.
  func maximum(_ other: TokenCounts) -> TokenCounts {
    TokenCounts(
      input: max(input, other.input), output: max(output, other.output), cacheRead: max(cacheRead, other.cacheRead),
      cacheWrite: max(cacheWrite, other.cacheWrite))
  }

  /// The usage record with these tokens.
  func usage(actions: Int, cost: Double?) -> Usage {
    Usage(
      inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite,
      costUSD: cost ?? 0, actions: actions)
  }
}

/// Small helpers the parsers share.
enum FormatText {
  /// A JSON object from a line, or nil for anything else (blank lines, ANSI warnings, prose).
  static func object(_ line: Data) -> JSONValue? {
    guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: "{") else {
      return nil
    }
    guard let value = try? JSONValue.parse(line), value.objectValue != nil else { return nil }
    return value
  }

  /// `text` on one line, cut to `limit` characters.
  static func short(_ text: String, limit: Int = 100) -> String {
    let line = FailureClassifier.oneLine(text)
    return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
  }

  /// Most bytes of one line kept to quote it in a message.
  static let quoteLength = 1000

  /// Adds a note, up to 20; after that, the last one says how many more there were.
  static func note(_ text: String, in notes: inout [String], keep: Int = 20) {
    if notes.count < keep {
      notes.append(text)
    } else if notes.count == keep {
      notes.append("and 1 more")
    } else if let more = notes.last.flatMap({ Int($0.dropFirst("and ".count).prefix { $0.isNumber }) }) {
      notes[notes.count - 1] = "and \(more + 1) more"
    }
  }

  /// `text` without ANSI escape sequences.
  static func stripANSI(_ text: String) -> String {
    var output = ""
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
