import Foundation
import Testing

@testable import LogistCore

/// A command agent's output is kept bounded, and its response is still found at the end of it.
struct CommandOutputParserTests {
  static let answer = #"{"action":"COMPLETED","summary":"done","evidenceFiles":[]}"#

  @Test func aResponseAtTheEndOfAHugeCutLineIsFound() throws {
    var splitter = LineSplitter()
    var parser = CommandOutputParser()
    let filler = Data(repeating: UInt8(ascii: "x"), count: 64 * 1024)
    for _ in 0..<64 { splitter.feed(filler) { parser.feed($0, isError: false) } }
    splitter.feed(Data((" " + Self.answer).utf8)) { parser.feed($0, isError: false) }
    if let last = splitter.finish() { parser.feed(last, isError: false) }
    parser.finish(exitCode: 0)
    let text = try #require(parser.resultText)
    #expect(text.utf8.count <= CommandOutputParser.keep + 1)
    let found = try AgentResponseExtractor.extract(
      from: text, phase: Phase(name: "implement", role: "worker", kind: .agent), file: "x")
    #expect(found.response.action == .completed)
  }

  @Test func aFailureQuotesTheLastErrorLinesOrElseTheLastOutputLines() {
    var parser = CommandOutputParser()
    for index in 0..<10_000 { parser.feed(line: Data("progress \(index)".utf8)) }
    parser.feed(line: Data("   ".utf8))
    parser.finish(exitCode: 2)
    #expect(parser.failure?.message == "the command exited with status 2: progress 9998 | progress 9999")
    #expect(parser.lastActivity == "progress 9999")
    var failing = CommandOutputParser()
    failing.feed(line: Data("output".utf8))
    for line in ["a", "b", "c", "d"] { failing.feed(errorLine: Data(line.utf8)) }
    failing.finish(exitCode: 1)
    #expect(failing.failure?.message == "the command exited with status 1: b | c | d")
  }
}

/// Parsers keep bounded state however long the stream, and still count right.
struct ParserBoundsTests {
  @Test func recentKeysCountDistinctKeysAndForgetTheOldest() {
    var keys = RecentKeys(capacity: 3)
    #expect(keys.insert("a") == (true, nil) && keys.insert("a") == (false, nil))
    _ = keys.insert("b")
    _ = keys.insert("c")
    #expect(keys.insert("d") == (true, "a"))
    #expect(keys.count == 4 && !keys.contains("a") && keys.contains("d"))
  }

  @Test func claudeUsageOverManyMessagesIsTheSumOfEachMessagesLargestValues() {
    var parser = ClaudeStreamParser()
    for index in 0..<5000 {
      for output in [1, 3, 2] {
        parser.feed(
          line:
            #"{"type":"assistant","message":{"id":"m\#(index)","usage":{"input_tokens":10,"output_tokens":\#(output)}}}"#
        )
      }
    }
    #expect(parser.usage.inputTokens == 50_000 && parser.usage.outputTokens == 15_000 && parser.usage.actions == 5000)
  }

  @Test func notesStopAtTwentyAndCountTheRest() {
    var notes: [String] = []
    for index in 0..<100 { FormatText.note("warning \(index)", in: &notes) }
    #expect(notes.count == 21 && notes.last == "and 80 more")
  }
}
