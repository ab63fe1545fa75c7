import Foundation
import Testing

@testable import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// The process runner with real processes: nothing it starts can hang it or outlive it.
@Suite(.serialized) struct ProcessRunnerTests {
  func run(_ spec: ProcessSpec, _ output: OutputCollector = OutputCollector()) throws -> ProcessResult {
    try ProcessRunner(spec, onOutput: output.callback).run()
  }

  @Test func hangingChildAndItsBackgroundGrandchildAreGoneWithinTimeoutPlusGrace() throws {
    let output = OutputCollector()
    let result = try run(ProcessProbe.shell("sleep 1000 & echo $!; wait", timeout: 1, grace: 2), output)
    let grandchild = try #require(Int32(output.text(.stdout).trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(result.timedOut)
    #expect(result.stop == .timedOut(seconds: 1))
    #expect(result.termination == .signaled(SIGTERM))
    #expect(result.duration >= 1 && result.duration < 3)
    #expect(ProcessProbe.waitGone(grandchild), "grandchild \(grandchild) survived")
    #expect(!ProcessProbe.isAlive(result.pid))
  }

  @Test func returnsPromptlyWhenAGrandchildKeepsThePipesOpenAfterTheChildExits() throws {
    let output = OutputCollector()
    let result = try run(ProcessProbe.shell("sleep 1000 & echo $!; exit 0", timeout: 30, drain: 0.5), output)
    let grandchild = try #require(Int32(output.text(.stdout).trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(result.termination == .exited(0))
    #expect(result.stop == nil)
    #expect(result.duration < 2)
    #expect(ProcessProbe.waitGone(grandchild), "grandchild \(grandchild) survived")
  }

  @Test func twentyMegabytesOnBothPipesAreAllDelivered() throws {
    let size = 20 * 1024 * 1024
    let output = OutputCollector()
    let script = "head -c \(size) /dev/zero & head -c \(size) /dev/zero >&2; wait"
    let result = try run(ProcessProbe.shell(script, timeout: 60), output)
    #expect(result.termination == .exited(0))
    #expect(output.data(.stdout).count == size)
    #expect(output.data(.stderr).count == size)
    #expect(output.chunkCount > 2)
  }

  @Test func childIgnoringSIGTERMIsKilledAfterTheGrace() throws {
    let script = "trap '' TERM; echo ready; while :; do sleep 0.1; done"
    let result = try run(ProcessProbe.shell(script, timeout: 0.5, grace: 1))
    #expect(result.termination == .signaled(SIGKILL))
    #expect(result.killed)
    #expect(result.timedOut)
    #expect(result.duration >= 1.5 && result.duration < 4)
    #expect(result.description.contains("SIGKILL after the grace period"))
  }

  @Test func stopFromAnotherThreadEndsTheGroup() throws {
    let output = OutputCollector()
    let runner = ProcessRunner(
      ProcessProbe.shell("sleep 1000 & echo $!; sleep 1000", grace: 5), onOutput: output.callback)
    let stopper = Thread {
      usleep(300_000)
      runner.stop("interrupted by SIGINT")
      runner.stop("a second reason is ignored")
    }
    stopper.start()
    let result = try runner.run()
    #expect(result.stop == .stopped(reason: "interrupted by SIGINT"))
    #expect(result.termination == .signaled(SIGTERM))
    #expect(!result.killed)
    #expect(result.duration < 2)
    let grandchild = try #require(Int32(output.text(.stdout).trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(ProcessProbe.waitGone(grandchild))
  }

  @Test func stopBeforeRunStopsTheChildAtOnce() throws {
    let runner = ProcessRunner(ProcessProbe.shell("sleep 1000"), onOutput: { _, _ in })
    runner.stop("limit reached")
    let result = try runner.run()
    #expect(result.stop == .stopped(reason: "limit reached"))
    #expect(result.duration < 2)
  }

  @Test func childGetsDefaultSignalsAndAnEmptyMaskWhateverTheParentThreadHas() throws {
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }
    let outcome = ProcessProbe.onThread { () -> (String, ProcessResult?) in
      var blocked = sigset_t()
      sigemptyset(&blocked)
      sigaddset(&blocked, SIGTERM)
      sigaddset(&blocked, SIGINT)
      pthread_sigmask(SIG_BLOCK, &blocked, nil)
      let output = OutputCollector()
      let status = ProcessSpec(
        arguments: ["grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"], environment: ["PATH": "/usr/bin:/bin"],
        workingDirectory: "/")
      _ = try? ProcessRunner(status, onOutput: output.callback).run()
      let stopped = try? ProcessRunner(ProcessProbe.shell("sleep 1000", timeout: 0.3, grace: 5), onOutput: { _, _ in })
        .run()
      return (output.text(.stdout), stopped)
    }
    let (status, stopped) = try #require(outcome)
    #expect(status.contains("SigBlk:\t0000000000000000"), "\(status)")
    #expect(status.contains("SigIgn:\t0000000000000000"), "\(status)")
    #expect(stopped?.termination == .signaled(SIGTERM))
    #expect(stopped?.killed == false)
  }

  @Test func workingDirectoryEnvironmentAndStdinAreHonoured() throws {
    let directory = try ProcessProbe.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = OutputCollector()
    let spec = ProcessProbe.shell(
      #"pwd; echo "$GREETING"; echo "${HOME-unset}"; cat; exit 3"#, stdin: Data("from stdin\n".utf8),
      environment: ["PATH": "/usr/bin:/bin", "GREETING": "hello"], directory: directory.path)
    let result = try run(spec, output)
    #expect(result.termination == .exited(3))
    #expect(output.text(.stdout) == "\(directory.path)\nhello\nunset\nfrom stdin\n")

    let big = Data(repeating: 0x61, count: 3 * 1024 * 1024)
    let echoed = OutputCollector()
    #expect(try run(ProcessProbe.shell("cat", stdin: big), echoed).termination == .exited(0))
    #expect(echoed.data(.stdout) == big)

    let empty = OutputCollector()
    #expect(try run(ProcessProbe.shell("cat; echo done"), empty).termination == .exited(0))
    #expect(empty.text(.stdout) == "done\n")
  }

  @Test func aChildThatNeverReadsItsInputDoesNotHangTheRunner() throws {
    let big = Data(repeating: 0x61, count: 1024 * 1024)
    let result = try run(ProcessProbe.shell("exec 0<&-; echo closed", stdin: big))
    #expect(result.termination == .exited(0))
    let hung = try run(ProcessProbe.shell("sleep 1000", timeout: 0.5, grace: 1, stdin: big))
    #expect(hung.timedOut && hung.duration < 3)
  }

  @Test func missingExecutablesAreClearErrors() throws {
    let directory = try ProcessProbe.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let plain = directory.appendingPathComponent("agent")
    try Data("#!/bin/sh\n".utf8).write(to: plain)
    func message(_ arguments: [String], path: String, cwd: String = "/") -> String? {
      let spec = ProcessSpec(arguments: arguments, environment: ["PATH": path], workingDirectory: cwd)
      do throws(LogistError) {
        _ = try ProcessRunner(spec, onOutput: { _, _ in }).run()
        return nil
      } catch {
        return error.message
      }
    }
    #expect(
      message(["logist-no-such-agent"], path: "/usr/bin:/bin")
        == "logist-no-such-agent was not found on PATH (/usr/bin:/bin): install it, or give the full path to the executable"
    )
    #expect(
      message(["agent"], path: directory.path)
        == "agent was found at \(plain.path) but is not executable: run `chmod +x \(plain.path)`")
    #expect(
      message([plain.path], path: "") == "\(plain.path) is not executable: run `chmod +x \(plain.path)` or fix the path"
    )
    #expect(
      message(["./nope"], path: "", cwd: directory.path) == "./nope: no such file: check the path of the executable")
    #expect(
      message(["sh"], path: "/bin", cwd: "/no/such/dir")?.hasPrefix("working directory /no/such/dir does not exist")
        == true)
    #expect(message([], path: "/bin") == "the command is empty: give the executable to run")
  }
}
