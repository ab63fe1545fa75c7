import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `batch run`, `batch resume`, `batch status`: jobs run concurrently, survive Ctrl-C and `kill -9`.
@Suite(.serialized) struct BatchTests {
  /// `count` jobs from a template whose replayed answers each take `delay` seconds.
  private func slowJobs(_ box: Sandbox, _ count: Int, delay: Double) throws -> [String] {
    let template = try box.slowTemplate(delay: delay)
    let ids = (1...count).map { "s\($0)" }
    for id in ids { try box.create(id, fromDirectory: template) }
    return ids
  }

  /// Every phase of job `id` ended exactly once (not counting interrupted runs), in history and events.
  private func expectEachPhaseRanOnce(_ box: Sandbox, _ id: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let history = try box.history(id)
    let finished = history.filter { $0["action"] as? String != "INTERRUPTED" }
    #expect(
      finished.compactMap { $0["phase"] as? String } == ["implement", "review"], "\(id): \(history)",
      sourceLocation: sourceLocation)
    #expect(history.allSatisfy { $0["superseded"] as? Bool == false }, sourceLocation: sourceLocation)
    let ended = try box.events(id).filter {
      $0["kind"] as? String == "phase.ended" && ($0["payload"] as? [String: String])?["event"] != "INTERRUPTED"
    }
    #expect(ended.count == 2, "\(id): \(ended)", sourceLocation: sourceLocation)
    #expect(try box.manifest(id)["status"] as? String == "succeeded", sourceLocation: sourceLocation)
  }

  @Test func aBatchRunsEveryReadyJobAndEndsWithASummary() throws {
    let box = try Sandbox()
    try box.fourJobs()
    try box.create("more", from: "review-loop")
    let run = try box.logist(["batch", "run", "--status", "ready", "--parallel", "2", "--name", "nightly"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(lines(run.stdout).first?.hasPrefix("job ") == true, "\(run.stdout)")
    #expect(run.stdout.contains("batch nightly finished: 2 succeeded (2 jobs, 6 phase runs"), "\(run.stdout)")
    #expect(run.stderr.contains("batch nightly: todo: started"), "\(run.stderr)")
    #expect(run.stderr.contains("batch nightly: more: finished succeeded"), "\(run.stderr)")
    let status = try #require(
      try Sandbox.json(try box.read(["batch", "status", "nightly", "--json"])) as? [String: Any])
    #expect(status["state"] as? String == "finished")
    let jobs = status["jobs"] as? [[String: Any]] ?? []
    #expect(jobs.compactMap { $0["id"] as? String } == ["more", "todo"])
    #expect(jobs.allSatisfy { $0["status"] as? String == "succeeded" && $0["state"] as? String == "done" })
    let kinds = try Sandbox.json(try box.read(["events", "--kind", "batch", "--json"])) as? [[String: Any]] ?? []
    #expect(kinds.compactMap { $0["kind"] as? String }.filter { $0 == "batch.job.finished" }.count == 2)
    #expect(kinds.last?["kind"] as? String == "batch.finished")
    #expect(try box.read(["index", "rebuild"]).contains("1 batch"))
    // A batch with a job that waits for a person exits 2 and says so.
    let gate = try box.logist(["batch", "run", "gate", "done", "--name", "second"])
    #expect(gate.status == 2, "\(gate.stdout)\(gate.stderr)")
    #expect(gate.stderr.contains("done: skipped (already succeeded)"), "\(gate.stderr)")
  }

  @Test func ctrlCInterruptsRunningJobsCleanlyAndResumeFinishesThem() throws {
    let box = try Sandbox()
    let ids = try slowJobs(box, 3, delay: 1.0)
    let batch = try box.start(
      ["--jobs-dir", box.jobs.path, "batch", "run"] + ids + ["--parallel", "2", "--name", "b"])
    let errors = { (try? String(contentsOf: batch.err, encoding: .utf8)) ?? "" }
    try waitFor("two jobs to run", timeout: 20) { errors().components(separatedBy: "COMPLETED").count == 3 }
    kill(batch.process.processIdentifier, SIGINT)
    batch.process.waitUntilExit()
    let result = batch.result()
    #expect(result.status == 130, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains("stopping (SIGINT (Ctrl-C) received)"), "\(result.stderr)")
    #expect(result.stdout.contains("next:   logist --jobs-dir \(box.jobs.path) batch resume b"), "\(result.stdout)")
    let statuses = try ids.map { try box.manifest($0)["status"] as? String ?? "" }
    #expect(statuses == ["interrupted", "interrupted", "ready"], "\(statuses)")
    #expect(!FileManager.default.fileExists(atPath: box.database.path + "-wal"), "every connection was closed")
    let resume = try box.logist(["batch", "resume", "b"])
    #expect(resume.status == 0, "\(resume.stdout)\(resume.stderr)")
    #expect(resume.stdout.contains("batch b finished: 3 succeeded"), "\(resume.stdout)")
    for id in ids { try expectEachPhaseRanOnce(box, id) }
  }

  @Test func resumeCountsAJobItsDeadProcessFinishedOnceWhicheverWriteTheCrashCut() throws {
    let box = try Sandbox()
    try box.create("a", from: "hello-world")
    try box.create("b", from: "hello-world")
    #expect(try box.logist(["batch", "run", "a", "b", "--name", "cut"]).status == 0)
    // The process died after each job succeeded: before a's finished event, and after b's event but
    // before the batch file said done.
    let file = box.jobs.appendingPathComponent(".batches/cut.json")
    try Sandbox.editJSON(file) { value in
      guard var batch = value as? [String: Any], var jobs = batch["jobs"] as? [[String: Any]] else { return }
      for index in jobs.indices { jobs[index]["state"] = "running" }
      batch["jobs"] = jobs
      batch["state"] = "running"
      value = batch
    }
    let events = box.jobDirectory("a").appendingPathComponent("events.jsonl")
    let kept = try String(contentsOf: events, encoding: .utf8).split(separator: "\n")
      .filter { !$0.contains("batch.job.finished") }
    try (kept.joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)

    let resume = try box.logist(["batch", "resume", "cut"])
    #expect(resume.status == 0, "\(resume.stdout)\(resume.stderr)")
    #expect(resume.stdout.contains("batch cut finished: 2 succeeded"), "\(resume.stdout)")
    #expect(!resume.stderr.contains("skipped"), "\(resume.stderr)")
    for id in ["a", "b"] {
      let finished = try box.events(id).filter { $0["kind"] as? String == "batch.job.finished" }
      #expect(finished.count == 1, "\(id): \(finished)")
    }
    let recovered = try box.events("a").last { $0["kind"] as? String == "batch.job.finished" }
    #expect((recovered?["payload"] as? [String: Any])?["recovered"] as? String == "true")
    let status = try #require(try Sandbox.json(try box.read(["batch", "status", "cut", "--json"])) as? [String: Any])
    #expect((status["jobs"] as? [[String: Any]] ?? []).allSatisfy { $0["state"] as? String == "done" })
  }

  @Test func kill9OfABatchThenResumeFinishesEveryJobExactlyOnce() throws {
    let box = try Sandbox()
    let ids = try slowJobs(box, 4, delay: 0.6)
    let batch = try box.start(
      ["--jobs-dir", box.jobs.path, "batch", "run"] + ids + ["--parallel", "2", "--name", "k"])
    let batchFile = box.jobs.appendingPathComponent(".batches/k.json")
    let states = {
      let file = try? Sandbox.json(String(contentsOf: batchFile, encoding: .utf8)) as? [String: Any]
      return (file?["jobs"] as? [[String: Any]] ?? []).compactMap { $0["state"] as? String }
    }
    try waitFor("one job done and another running", timeout: 30) {
      states().contains("done") && states().contains("running")
    }
    kill(batch.process.processIdentifier, SIGKILL)
    batch.process.waitUntilExit()
    let status = try box.read(["batch", "status", "k"])
    #expect(status.contains("batch k running"), "\(status)")
    let resume = try box.logist(["batch", "resume", "k"])
    #expect(resume.status == 0, "\(resume.stdout)\(resume.stderr)")
    #expect(resume.stdout.contains("batch k finished: 4 succeeded"), "\(resume.stdout)")
    for id in ids { try expectEachPhaseRanOnce(box, id) }
    let finished =
      try Sandbox.json(try box.read(["events", "--kind", "batch.job.finished", "--json"])) as? [[String: Any]]
    #expect(Set(finished?.compactMap { $0["job"] as? String } ?? []) == Set(ids))
    #expect(try box.sqlite("PRAGMA integrity_check") == "ok")
    #expect(try box.sqlite("SELECT state FROM batches WHERE name = 'k'") == "finished")
  }

  @Test func badBatchRequestsChangeNothing() throws {
    let box = try Sandbox()
    try box.create("a", from: "hello-world")
    let cases: [([String], Int32, String)] = [
      (["batch", "run"], 64, "exactly one"),
      (["batch", "run", "a", "--status", "ready"], 64, "exactly one"),
      (["batch", "run", "a", "--parallel", "0"], 64, "--parallel"),
      (["batch", "run", "a", "nosuch"], 1, "no job \"nosuch\""),
      (["batch", "run", "--status", "failed"], 1, "no job has status failed"),
      (["batch", "run", "a", "--name", "a/b"], 1, "invalid batch name"),
      (["batch", "resume", "nosuch"], 1, "no batch \"nosuch\""),
      (["batch", "status", "nosuch"], 1, "no batch \"nosuch\""),
    ]
    for (args, code, words) in cases {
      let result = try box.logist(args)
      #expect(result.status == code, "\(args): \(result.stderr)")
      #expect(result.stderr.contains(words), "\(args): \(result.stderr)")
      #expect(lines(result.stderr).count == 1, "\(args): \(result.stderr)")
    }
    #expect(try box.manifest("a")["status"] as? String == "ready")
    let batches = (try? FileManager.default.contentsOfDirectory(atPath: box.jobs.path + "/.batches")) ?? []
    #expect(!batches.contains { $0.hasSuffix(".json") }, "\(batches)")
    #expect(try box.logist(["batch", "run", "a", "--name", "once"]).status == 0)
    let again = try box.logist(["batch", "run", "a", "--name", "once"])
    #expect(again.status == 1 && again.stderr.contains("batch resume once"), "\(again.stderr)")
  }
}
