import Foundation
import Testing

@testable import LogistCore

/// The ring that keeps the last bytes of a stream.
struct TailBufferTests {
  @Test func itKeepsTheLastBytesAndCountsTheDroppedOnesForAnyChunkSizes() {
    let stream = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    for (capacity, sizes) in [(1000, [1, 7, 999, 1000, 1001, 3]), (4096, [5000, 1, 4095]), (3, [2, 2, 1])] {
      var buffer = TailBuffer(capacity: capacity)
      var fed = 0
      var turn = 0
      while fed < stream.count {
        let end = min(fed + sizes[turn % sizes.count], stream.count)
        buffer.append(Data(stream[fed..<end]))
        fed = end
        turn += 1
        #expect(buffer.count == min(fed, capacity))
        #expect(buffer.data == Data(stream[..<fed].suffix(capacity)), "capacity \(capacity) after \(fed)")
        #expect(buffer.dropped == max(fed - capacity, 0))
        #expect(buffer.suffix(2) == Data(stream[..<fed].suffix(min(2, capacity))))
        #expect(buffer.endsWith(stream[fed - 1]))
      }
      buffer.removeAll()
      #expect(buffer.isEmpty && buffer.dropped == 0 && buffer.data.isEmpty)
    }
  }
}

/// A log that keeps its head and tail with a marker between them.
struct CappedLogTests {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("capped-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func text(_ name: String = "agent.log") -> String {
    String(
      decoding: FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) ?? Data(),
      as: UTF8.self)
  }

  @Test func outputWithinTheLimitIsKeptWholeWithoutAMarker() {
    let log = CappedLog(url: directory.appendingPathComponent("agent.log"), limit: 100)
    log.write(Data(String(repeating: "a", count: 60).utf8))
    log.write(Data(String(repeating: "b", count: 40).utf8))
    log.note("exit 0")
    log.close()
    #expect(text() == String(repeating: "a", count: 60) + String(repeating: "b", count: 40) + "\n=== logist: exit 0\n")
  }

  @Test func overflowKeepsWholeLinesOfTheHeadAndTailAndAMarkerWithTheDroppedCountAndNotesStayLast() {
    let log = CappedLog(url: directory.appendingPathComponent("agent.log"), limit: 1000)
    #expect(log.tailCapacity == 500 && log.headLimit == 500)
    let lines = (0..<400).map { "line \($0)\n" }
    for line in lines { log.write(Data(line.utf8)) }
    let announced =
      "=== logist: agent.log is over its limit (logLimitBytes 1000): of the output that follows only the last "
      + "500 bytes is kept, written when it ends\n"
    #expect(text().hasSuffix(announced), "a live reader sees at once that the log is full")
    log.note("exit 0 after 1 s")
    log.close()
    var head = ""
    for line in lines where head.utf8.count + line.utf8.count <= 500 { head += line }
    var tail = ""
    for line in lines.reversed() where tail.utf8.count + line.utf8.count < 500 { tail = line + tail }
    let dropped = lines.joined().utf8.count - head.utf8.count - tail.utf8.count
    let expected =
      head + announced
      + "=== logist: \(dropped) bytes of output dropped here (logLimitBytes 1000); its last \(tail.utf8.count) bytes follow\n"
      + tail + "=== logist: exit 0 after 1 s\n"
    #expect(text() == expected)
  }

  @Test func aHeadOrTailWithoutANewlineNearItsEdgeIsCutMidLine() {
    let log = CappedLog(url: directory.appendingPathComponent("agent.log"), limit: 20000)
    log.write(Data(("first\n" + String(repeating: "a", count: 20000) + "\nlast").utf8))
    log.close()
    let expected =
      "first\n" + String(repeating: "a", count: 9994)
      + "\n=== logist: agent.log is over its limit (logLimitBytes 20000): of the output that follows only the last "
      + "10000 bytes is kept, written when it ends\n"
      + "=== logist: 11 bytes of output dropped here (logLimitBytes 20000); its last 10000 bytes follow\n"
      + String(repeating: "a", count: 9995) + "\nlast"
    #expect(text() == expected)
  }

  @Test func eachSpanBetweenNotesKeepsItsOwnTailAndTheBoundHoldsForOneHugeWrite() {
    let log = CappedLog(url: directory.appendingPathComponent("render.log"), limit: 64)
    log.write(Data(repeating: 0x41, count: 10_000))
    log.note("try 1 failed")
    log.write(Data(repeating: 0x42, count: 100) + Data("end\n".utf8))
    log.close()
    let text = text("render.log")
    #expect(
      text.hasPrefix(
        String(repeating: "A", count: 32) + "\n=== logist: render.log is over its limit (logLimitBytes 64)"))
    #expect(
      text.contains("=== logist: 9936 bytes of output dropped here (logLimitBytes 64); its last 32 bytes follow\n"))
    #expect(text.contains(String(repeating: "A", count: 32) + "\n=== logist: try 1 failed\n"))
    #expect(
      text.hasSuffix(
        "=== logist: 72 bytes of output dropped here (logLimitBytes 64); its last 32 bytes follow\n"
          + String(repeating: "B", count: 28) + "end\n"))
  }

  @Test func aLineEndFarFromTheEdgeDoesNotShrinkTheHeadOrTail() {
    let log = CappedLog(url: directory.appendingPathComponent("agent.log"), limit: 1024)
    log.write(Data(("a\n" + String(repeating: "x", count: 3000) + "\nb").utf8))
    log.close()
    let text = text()
    #expect(text.hasPrefix("a\n" + String(repeating: "x", count: 510) + "\n=== logist: agent.log is over its limit"))
    #expect(text.hasSuffix("its last 512 bytes follow\n" + String(repeating: "x", count: 510) + "\nb"))
  }

  @Test func appendingKeepsWhatTheFileHeldAndCountsItAgainstTheLimit() throws {
    let url = directory.appendingPathComponent("agent.log")
    try Data("=== logist: started\n".utf8).write(to: url)
    let log = CappedLog(url: url, limit: 40, append: true)
    log.write(Data("0123456789".utf8))
    log.close()
    #expect(text() == "=== logist: started\n0123456789", "nothing was dropped: no marker")
    let again = CappedLog(url: url, limit: 40, append: true)
    again.write(Data("abcdefghijklmnopqrstuvwxyz".utf8))
    again.close()
    #expect(text().hasPrefix("=== logist: started\n0123456789\n=== logist: agent.log is over its limit"))
    #expect(
      text().hasSuffix(
        "6 bytes of output dropped here (logLimitBytes 40); its last 20 bytes follow\nghijklmnopqrstuvwxyz"))
  }
}
