import Foundation
import Testing

@testable import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// Contained runs in-process: the run token, the sweep of what a run left, the process table.
@Suite(.serialized) struct ContainedRunTests {
  @Test func aContainedRunStopsItsSetsidHelperAndSaysSo() throws {
    var spec = ProcessProbe.shell("setsid sleep 300 & echo $!; exit 0", timeout: 30, grace: 1)
    spec.runToken = "0123456789abcdef:0001-test"
    let output = OutputCollector()
    let result = try ProcessRunner(spec, onOutput: output.callback).run()
    let helper = try #require(Int32(output.text(.stdout).trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(result.termination == .exited(0))
    #expect(!ProcessProbe.isAlive(helper), "the setsid helper outlived its contained run")
    #expect(result.leftovers.map(\.pid) == [helper])
    #expect(result.leftovers.first?.command.contains("sleep 300") == true, "\(result.leftovers)")
  }

  @Test func anUncontainedRunLeavesASetsidHelperAlone() throws {
    let spec = ProcessProbe.shell("setsid sleep 300 & echo $!; exit 0", timeout: 30, grace: 1, drain: 0.2)
    let output = OutputCollector()
    let result = try ProcessRunner(spec, onOutput: output.callback).run()
    let helper = try #require(Int32(output.text(.stdout).trimmingCharacters(in: .whitespacesAndNewlines)))
    defer { kill(helper, SIGKILL) }
    #expect(result.leftovers.isEmpty)
    #expect(ProcessProbe.isAlive(helper), "only a contained run sweeps (this checks the test can fail)")
  }

  @Test func theChildSeesItsTokenAndTheSweepFindsItByToken() throws {
    var spec = ProcessProbe.shell(#"printf '%s' "$LOGIST_RUN_TOKEN""#, timeout: 30)
    spec.runToken = "feedfacefeedface:0002-review"
    let output = OutputCollector()
    _ = try ProcessRunner(spec, onOutput: output.callback).run()
    #expect(output.text(.stdout) == "feedfacefeedface:0002-review")
    #expect(ProcessTable.environmentValue(getpid(), "PATH") != nil)
    #expect(ProcessTable.entry(getpid())?.parent == getppid())
  }

  @Test func aStrayWithTheJobsTokenIsStoppedAndOthersAreNot() throws {
    let directory = try ProcessProbe.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let token = RunToken(jobDirectory: directory, run: "0001-implement")
    let other = RunToken(jobDirectory: directory.appendingPathComponent("other"), run: "0001-implement")
    #expect(token.value.hasPrefix(RunToken.jobPrefix(directory)))
    #expect(!other.value.hasPrefix(RunToken.jobPrefix(directory)))
    var mine = ProcessProbe.shell("setsid sleep 300 & echo $!", timeout: 30)
    mine.environment[RunToken.variable] = token.value
    var theirs = ProcessProbe.shell("setsid sleep 301 & echo $!", timeout: 30)
    theirs.environment[RunToken.variable] = other.value
    let first = OutputCollector()
    let second = OutputCollector()
    _ = try ProcessRunner(mine, onOutput: first.callback).run()
    _ = try ProcessRunner(theirs, onOutput: second.callback).run()
    let stray = try #require(Int32(first.text(.stdout).trimmingCharacters(in: .whitespacesAndNewlines)))
    let bystander = try #require(Int32(second.text(.stdout).trimmingCharacters(in: .whitespacesAndNewlines)))
    defer { kill(bystander, SIGKILL) }
    let stopped = ProcessSweep.stop(tokenPrefix: RunToken.jobPrefix(directory), grace: 1)
    #expect(stopped.map(\.pid) == [stray], "\(stopped)")
    #expect(stopped.first?.killed == false, "\(stopped)")
    #expect(ProcessProbe.waitGone(stray))
    #expect(ProcessProbe.isAlive(bystander), "another job's process was stopped")
  }

  @Test func theJobKeyIsTheSameThroughASymbolicLink() throws {
    let directory = try ProcessProbe.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let link = directory.deletingLastPathComponent().appendingPathComponent("link-\(UUID().uuidString)")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: directory)
    defer { try? FileManager.default.removeItem(at: link) }
    #expect(RunToken.jobPrefix(link) == RunToken.jobPrefix(directory))
    #expect(RunToken.jobPrefix(directory).count == 17)
  }
}
