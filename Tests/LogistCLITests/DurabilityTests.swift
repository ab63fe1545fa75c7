import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Locks, leases, interrupted runs and `kill -9`.
@Suite(.serialized) struct DurabilityTests {
  @Test func aSecondMutatingCommandFailsAtOnceWhileAPhaseRuns() throws {
    let box = try Sandbox()
    let template = try box.slowTemplate(delay: 2)
    #expect(try box.logist(["job", "create", "slow", "--from", template.path]).status == 0)
    let runner = try box.start(["--jobs-dir", box.jobs.path, "job", "run", "slow"])
    try waitFor("running") { (try? box.manifest("slow")["status"] as? String) == "running" }
    // The runner archives the prompt just after saving the lease; wait until it is written.
    let prompt = box.jobDirectory("slow").appendingPathComponent("runs/0001-implement/prompt.md")
    try waitFor("prompt.md") { FileManager.default.fileExists(atPath: prompt.path) }
    let lease = try box.manifest("slow")["lease"] as? [String: Any]
    #expect(lease?["pid"] as? Int == Int(runner.process.processIdentifier))
    let before = Sandbox.snapshot(box.jobDirectory("slow"))
    for command in [["job", "step", "slow"], ["job", "rerun", "slow"]] {
      let started = Date()
      let result = try box.logist(command)
      #expect(result.status == 1)
      #expect(
        result.stderr.contains("job slow is locked by pid \(runner.process.processIdentifier) on "), "\(result.stderr)")
      #expect(result.stderr.contains(" since 20"))
      #expect(Date().timeIntervalSince(started) < 1.5, "a locked job must fail at once, not wait")
    }
    #expect(Sandbox.snapshot(box.jobDirectory("slow")) == before, "a refused command changed the job")
    let conflicts = try String(contentsOf: box.jobs.appendingPathComponent(".locks/conflicts.jsonl"), encoding: .utf8)
    #expect(conflicts.split(separator: "\n").count == 2 && conflicts.contains("\"kind\":\"lock.conflict\""))
    let status = try box.logist(["job", "status", "slow"])
    #expect(status.stdout.contains("running"), "reading a running job must not disturb it")
    runner.process.waitUntilExit()
    #expect(runner.process.terminationStatus == 0)
    #expect(try box.manifest("slow")["status"] as? String == "succeeded")
  }

  @Test func killMinus9MidPhaseLeavesAParsableManifestAndRunResumes() throws {
    let box = try Sandbox()
    let template = try box.slowTemplate(delay: 1)
    #expect(try box.logist(["job", "create", "k", "--from", template.path]).status == 0)
    let runner = try box.start(["--jobs-dir", box.jobs.path, "job", "run", "k"])
    try waitFor("running") { (try? box.manifest("k")["status"] as? String) == "running" }
    kill(runner.process.processIdentifier, SIGKILL)
    runner.process.waitUntilExit()
    #expect(try box.manifest("k")["status"] as? String == "running", "the dead runner's lease is still recorded")

    let status = try box.logist(["job", "status", "k", "--json"])
    let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
    #expect(json?["status"] as? String == "interrupted")
    #expect((json?["statusReason"] as? String)?.contains("is gone") == true)
    #expect(json?["lease"] is NSNull, "the dead lease is cleared")

    let run = try box.logist(["job", "run", "k"])
    #expect(run.status == 0, "\(run.stderr)")
    let history = try box.manifest("k")["history"] as? [[String: Any]] ?? []
    #expect(history.map { $0["action"] as? String } == ["INTERRUPTED", "COMPLETED", "APPROVED"])
    #expect(history.map { $0["attempt"] as? Int } == [1, 1, 1], "an interrupted run does not use up an attempt")
  }

  @Test func killMinus9AtRandomMomentsNeverCorruptsTheManifest() throws {
    let box = try Sandbox()
    let template = try box.slowTemplate(delay: 0.05)
    for round in 0..<12 {
      let id = "r\(round)"
      #expect(try box.logist(["job", "create", id, "--from", template.path]).status == 0)
      let runner = try box.start(["--jobs-dir", box.jobs.path, "job", "run", id])
      usleep(UInt32(5_000 + (round * 17_000) % 150_000))
      kill(runner.process.processIdentifier, SIGKILL)
      runner.process.waitUntilExit()
      let data = try Data(contentsOf: box.jobDirectory(id).appendingPathComponent("job.json"))
      #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "round \(round): job.json does not parse")
      let validate = try box.logist(["job", "validate", id])
      #expect(validate.status == 0, "round \(round): \(validate.stdout)\(validate.stderr)")
      let finish = try box.logist(["job", "run", id])
      #expect(finish.status == 0, "round \(round): \(finish.stderr)")
      #expect(try box.manifest(id)["status"] as? String == "succeeded")
    }
  }
}
