import Foundation
import Testing

@testable import LogistCore

/// `agent.log` as the sink writes it: lines of the two streams kept apart, standard error marked.
struct AgentLogTests {
  let run: URL

  init() throws {
    run = FileManager.default.temporaryDirectory.appendingPathComponent("agentlog-\(UUID().uuidString)/0001-implement")
    try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
  }

  var text: String {
    String(
      decoding: FileManager.default.contents(atPath: run.appendingPathComponent("agent.log").path) ?? Data(),
      as: UTF8.self)
  }

  @Test func unfinishedLinesWaitForTheirNewlineAndStandardErrorLinesAreMarked() {
    let log = AgentLog(runDirectory: run)
    log.note("command: ./agent.sh")
    log.write(.stdout, Data("one\ntw".utf8))
    log.write(.stderr, Data("warn".utf8))
    log.write(.stderr, Data("ing 1\nwarning 2\nwarn".utf8))
    log.write(.stdout, Data("o\nthree".utf8))
    log.write(.stderr, Data("ing 3\n".utf8))
    log.endLines()
    log.note("exit 0 after 1 s")
    #expect(log.display == "runs/0001-implement/agent.log")
    #expect(
      text == """
        === logist: command: ./agent.sh
        one
        [stderr] warning 1
        [stderr] warning 2
        two
        [stderr] warning 3
        three
        === logist: exit 0 after 1 s

        """)
  }

  @Test func aLineLongerThanTheHoldLimitIsWrittenAsItComesAndTheOtherStreamStartsANewLine() {
    let log = AgentLog(runDirectory: run)
    let long = String(repeating: "x", count: AgentLog.holdLimit + 1)
    log.write(.stdout, Data(long.utf8))
    log.write(.stderr, Data("oops\n".utf8))
    log.write(.stdout, Data("yz\n".utf8))
    log.note("exit 0")
    #expect(text == long + "\n[stderr] oops\nyz\n=== logist: exit 0\n")
  }

  @Test func theCapAppliesToTheOutputAndTheNotesAfterTheProcessStayAtTheEnd() {
    let log = AgentLog(runDirectory: run, limit: 2000)
    for index in 0..<1000 { log.write(index % 2 == 0 ? .stdout : .stderr, Data("line \(index)\n".utf8)) }
    log.note("exit 0 after 1 s")
    let text = text
    #expect(text.hasPrefix("line 0\n[stderr] line 1\n"))
    #expect(text.contains("bytes of output dropped here (logLimitBytes 2000); its last 999 bytes follow\nline 926\n"))
    #expect(text.contains("\nline 80\n=== logist: agent.log is over its limit"), "the head ends with a whole line")
    #expect(text.hasSuffix("line 998\n[stderr] line 999\n=== logist: exit 0 after 1 s\n"))
    #expect(text.utf8.count < 2000 + 400, "\(text.utf8.count) bytes")
  }
}
