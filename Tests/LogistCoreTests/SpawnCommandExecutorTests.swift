import Foundation
import LogistCore
import Testing

@Suite(.serialized) struct SpawnCommandExecutorTests {
  let executor = SpawnCommandExecutor()

  /// More than a pipe's buffer each way, at the same time: neither side may block the other.
  @Test func feedsAndDrainsMoreThanAPipeHolds() throws {
    let input = Data((0..<400_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    let script = "cat; head -c 200000 /dev/zero >&2"
    let result = try executor.run(["sh", "-c", script], stdin: input, timeout: 20)
    #expect(result.exitCode == 0)
    #expect(result.stdout == input)
    #expect(result.stderr.count == 200_000)
  }

  @Test func reportsExitCodesAndSignals() throws {
    #expect(try executor.run(["sh", "-c", "exit 3"], stdin: nil, timeout: 10).exitCode == 3)
    #expect(try executor.run(["sh", "-c", "kill -TERM $$"], stdin: nil, timeout: 10).exitCode == 143)
    let quiet = try executor.run(["sh", "-c", "echo oops >&2; exit 1"], stdin: nil, timeout: 10)
    #expect(quiet.errorLine == "oops")
  }

  /// The child does not inherit this process's blocked or ignored signals, and leads its own group.
  @Test func childStartsWithDefaultSignalsInItsOwnGroup() throws {
    let result = try executor.run(["sh", "-c", "ps -o pgid= -p $$; echo $$"], stdin: nil, timeout: 10)
    let lines = result.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(lines.count == 2 && lines[0] == lines[1])
  }

  @Test func stopsTheWholeGroupOnTimeout() throws {
    let started = Date()
    #expect(throws: LogistError.self) {
      _ = try executor.run(["sh", "-c", "sleep 30 & sleep 30"], stdin: nil, timeout: 0.5)
    }
    #expect(Date().timeIntervalSince(started) < 5)
  }

  /// A background grandchild holding the pipes (an ssh connection master) delays the result by at most
  /// about a second.
  @Test func doesNotWaitForGrandchildrenHoldingThePipes() throws {
    let started = Date()
    let result = try executor.run(["sh", "-c", "(sleep 5 &) ; echo done"], stdin: nil, timeout: 20)
    #expect(result.output == "done\n")
    #expect(Date().timeIntervalSince(started) < 3)
  }

  @Test func refusesMissingProgramsAndNULBytes() {
    #expect(throws: LogistError.self) { _ = try executor.run(["no-such-program-xyz"], stdin: nil, timeout: 5) }
    #expect(throws: LogistError.self) { _ = try executor.run(["echo", "a\0b"], stdin: nil, timeout: 5) }
    #expect(throws: LogistError.self) { _ = try executor.run([], stdin: nil, timeout: 5) }
  }
}
