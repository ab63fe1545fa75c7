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
