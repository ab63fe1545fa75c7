import Foundation
import LogistCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

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

  /// The child does not inherit the calling thread's blocked signals (blocked here for the call, as on a
  /// Dispatch or concurrency thread) nor this process's ignored ones (the executor ignores SIGPIPE), and
  /// leads its own process group.
  @Test func childStartsWithDefaultSignalsInItsOwnGroup() throws {
    var blocked = sigset_t()
    var previous = sigset_t()
    sigemptyset(&blocked)
    for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&blocked, signal) }
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    let outcome = Result { () throws(LogistError) in
      try executor.run(["grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status"], stdin: nil, timeout: 10)
    }
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    let lines = try outcome.get().output.split(separator: "\n").map(String.init)
    // Standard signals 1-31 (SIGPIPE, SIGTERM, SIGINT among them) neither blocked nor ignored; glibc's
    // own real-time signals above them do not matter.
    let masks = lines.compactMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) }
    #expect(masks.count == 2 && masks.allSatisfy { $0 & 0x7fff_ffff == 0 }, "\(lines)")
    let stat = try executor.run(["cut", "-d", " ", "-f", "1,5", "/proc/self/stat"], stdin: nil, timeout: 10)
    let ids = stat.output.split(whereSeparator: { $0 == " " || $0 == "\n" })
    #expect(ids.count == 2 && ids.first == ids.last, "pid and process group: \(ids)")
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
