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
    #expect(splitter.finish().map { String(decoding: $0.bytes, as: UTF8.self) } == "tail énd")
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

/// A line longer than the splitter's limit comes cut, and the splitter never holds more than its limit.
struct LineSplitterLimitTests {
  /// `count` bytes counting 0, 1, … 250, 0, … (no newline, no carriage return among them).
  static func bytes(_ count: Int, from start: Int = 0) -> [UInt8] {
    (start..<start + count).map { index -> UInt8 in
      let byte = UInt8(index % 251)
      return byte == 0x0A || byte == 0x0D ? 0x20 : byte
    }
  }

  @Test func aLineOfExactlyTheLimitComesWholeAndOneByteMoreComesCut() {
    var splitter = LineSplitter(limit: 8192)
    let whole = Self.bytes(8192)
    #expect(splitter.feed(Data(whole + [0x0A])) == [OutputLine(Data(whole))])
    let longer = Self.bytes(8193)
    let lines = splitter.feed(Data(longer + [0x0D, 0x0A]))
    #expect(lines.count == 1)
    let line = lines[0]
    #expect(line.isCut && line.length == 8193 && line.dropped == 0)
    #expect(line.bytes == Data(longer.prefix(LineSplitter.headLength)))
    #expect(line.tail == Data(longer.dropFirst(LineSplitter.headLength)), "the \\r before the newline is removed")
  }

  @Test func aHugeLineInOddChunksKeepsItsHeadAndTailAndCountsTheRestWhileHoldingOnlyTheLimit() {
    let limit = 10_000
    var splitter = LineSplitter(limit: limit)
    let line = Self.bytes(1_000_003)
    var emitted: [OutputLine] = []
    var offset = 0
    var largest = 0
    for size in [1, 4095, 3, 70_000, 65_536, 9_999, 10_001] where offset < line.count {
      var start = offset
      while start < min(offset + 200_000, line.count) {
        let end = min(start + size, line.count)
        emitted += splitter.feed(Data(line[start..<end]))
        largest = max(largest, splitter.pendingCount)
        start = end
      }
      offset = start
    }
    while offset < line.count {
      let end = min(offset + 65_536, line.count)
      emitted += splitter.feed(Data(line[offset..<end]))
      largest = max(largest, splitter.pendingCount)
      offset = end
    }
    emitted += splitter.feed(Data([0x0A, 0x41, 0x0A]))
    #expect(largest <= LineSplitter.headLength + limit, "held \\(largest) bytes")
    #expect(emitted.count == 2)
    let cut = emitted[0]
    #expect(cut.isCut && cut.length == line.count)
    #expect(cut.bytes == Data(line.prefix(LineSplitter.headLength)))
    #expect(cut.tail == Data(line.suffix(limit)))
    #expect(cut.dropped == line.count - LineSplitter.headLength - limit)
    #expect(emitted[1] == OutputLine(Data("A".utf8)), "the next line comes whole again")
  }

  @Test func aCutLastLineWithoutNewlineComesFromFinish() {
    var splitter = LineSplitter(limit: 5000)
    let line = Self.bytes(12_345)
    #expect(splitter.feed(Data(line)).isEmpty)
    let last = splitter.finish()
    #expect(last?.isCut == true && last?.tail == Data(line.suffix(5000)) && last?.length == 12_345)
    #expect(splitter.finish() == nil && splitter.pendingCount == 0)
  }

  @Test func binaryWithoutNewlinesIsOneCutLine() {
    var splitter = LineSplitter(limit: 4096)
    let noise = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }.filter { $0 != 0x0A }
    #expect(splitter.feed(Data(noise)).isEmpty)
    let last = splitter.finish()
    #expect(last?.length == noise.count && last?.tail == Data(noise.suffix(4096)))
  }
}
