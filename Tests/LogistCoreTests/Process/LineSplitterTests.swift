import Foundation
import Testing

@testable import LogistCore

/// Chunks of output become whole lines.
struct LineSplitterTests {
  @Test func linesSplitAcrossChunksCRLFAndAFinalLineWithoutNewline() {
    var splitter = LineSplitter()
    var lines: [String] = []
    for chunk in ["{\"a\":", "1}\n{\"b\"", ":2}\r\n\n", "tail é", "nd"] {
      lines += splitter.feedText(Data(chunk.utf8))
    }
    #expect(lines == [#"{"a":1}"#, #"{"b":2}"#, ""])
    #expect(splitter.pendingCount == "tail énd".utf8.count)
    #expect(splitter.finish().map { String(decoding: $0, as: UTF8.self) } == "tail énd")
    #expect(splitter.finish() == nil)
  }

  @Test func aMultibyteCharacterSplitBetweenChunksSurvives() {
    var splitter = LineSplitter()
    let bytes = Array("héllo\n".utf8)
    var lines = splitter.feedText(Data(bytes[0..<2]))
    lines += splitter.feedText(Data(bytes[2...]))
    #expect(lines == ["héllo"])
  }

  @Test func manyLinesInOneChunk() {
    var splitter = LineSplitter()
    let text = (1...1000).map { "line \($0)" }.joined(separator: "\n") + "\n"
    let lines = splitter.feedText(Data(text.utf8))
    #expect(lines.count == 1000 && lines.last == "line 1000")
  }
}
