import Foundation
import LogistCore
import Testing

/// `job gc`: workspaces of final jobs removed, their commits kept as `workspace.mbox`, everything else left alone.
@Suite(.serialized) struct GCTests {
  /// Creates job `id` from hello-world and runs it to success.
  private func finished(_ box: Sandbox, _ id: String) throws {
    try box.create(id, from: "hello-world")
    let run = try box.logist(["job", "run", id])
    #expect(run.status == 0, "run failed: \(run.stderr)")
  }

  private func exists(_ box: Sandbox, _ id: String, _ name: String) -> Bool {
    FileManager.default.fileExists(atPath: box.jobDirectory(id).appendingPathComponent(name).path)
  }

  /// The content hello-world's replay script gives hello.py.
  private func finalHello() throws -> String {
    let url = Sandbox.template("hello-world").appendingPathComponent("responses.json")
    let entries = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]] ?? []
    let files = entries.first?["files"] as? [[String: Any]] ?? []
    return try #require(files.first?["content"] as? String)
  }

  /// A git repository holding hello-world's seed as its one commit (the job's base, rebuilt by hand).
  private func seedRepository(_ box: Sandbox) throws -> URL {
    let repo = box.root.appendingPathComponent("from-seed")
    try FileManager.default.copyItem(at: Sandbox.template("hello-world").appendingPathComponent("seed"), to: repo)
    try GitWitness.git(["init", "-q", "-b", "main"], in: repo)
    try GitWitness.git(["add", "-A"], in: repo)
    try GitWitness.git(["commit", "-q", "-m", "seed"], in: repo)
    return repo
  }

  @Test func succeededJobLosesItsWorkspaceAndTheBytesAreReported() throws {
    let box = try Sandbox()
    try finished(box, "hello")
    let gc = try box.logist(["job", "gc", "--json"])
    #expect(gc.status == 0, "\(gc.stderr)")
    #expect(!exists(box, "hello", "workspace") && !exists(box, "hello", "workspace.git"))
    #expect(exists(box, "hello", "workspace.mbox") && exists(box, "hello", "job.json"))
    let report = try #require(try Sandbox.json(gc.stdout) as? [String: Any])
    let row = try #require((report["jobs"] as? [[String: Any]])?.first)
    let bytes = try #require(row["bytes"] as? Int)
    #expect(row["outcome"] as? String == "removed" && row["patches"] as? Int == 1)
    #expect(bytes > 0 && report["reclaimedBytes"] as? Int == bytes)
    let record = try #require(try box.manifest("hello")["workspaceCollected"] as? [String: Any])
    #expect(record["bytes"] as? Int == bytes && record["archive"] as? String == "workspace.mbox")
    let status = try box.logist(["job", "status", "hello"])
    #expect(status.status == 0, "the manifest still loads")
    #expect(status.stdout.contains("removed by job gc; its commits are in "), "\(status.stdout)")
    #expect(!status.stdout.contains("--recreate-workspace"), "gc removed it on purpose: \(status.stdout)")
    let patch = try box.logist(["job", "patch", "hello"])
    #expect(patch.status == 0, "\(patch.stderr)")
    let kept = try Data(contentsOf: box.jobDirectory("hello").appendingPathComponent("workspace.mbox"))
    #expect(Data(patch.stdout.utf8) == kept, "job patch prints the kept series")
    #expect(patch.stderr.contains("this is the series it kept in "), "\(patch.stderr)")

    try finished(box, "again")
    let text = try box.logist(["job", "gc"])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("removed again: "), "\(text.stdout)")
    #expect(text.stdout.contains("(workspace.mbox kept, 1 patch)"), "\(text.stdout)")
    #expect(lines(text.stdout).last?.hasPrefix("reclaimed ") == true, "\(text.stdout)")
    #expect(!text.stdout.contains("hello"), "a workspace already gone is skipped silently: \(text.stdout)")
  }

  @Test func gitAmOfTheArchiveOnTheSeedReproducesTheFinalFile() throws {
    let box = try Sandbox()
    try finished(box, "hello")
    #expect(try box.logist(["job", "gc"]).status == 0)
    let repo = try seedRepository(box)
    let mbox = box.jobDirectory("hello").appendingPathComponent("workspace.mbox")
    try GitWitness.git(["am", "-q", mbox.path], in: repo)
    let hello = try String(contentsOf: repo.appendingPathComponent("hello.py"), encoding: .utf8)
    #expect(hello == (try finalHello()))
    let log = try GitWitness.git(["log", "--format=%s"], in: repo)
    #expect(lines(log) == ["logist hello: implement attempt 1 (COMPLETED)", "seed"])
  }

  @Test func jobsThatAreNotFinalAreUntouched() throws {
    let box = try Sandbox()
    try box.create("ready", from: "hello-world")
    try finished(box, "done")
    let before = Sandbox.snapshot(box.jobDirectory("ready"))
    let gc = try box.logist(["job", "gc"])
    #expect(gc.status == 0, "\(gc.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("ready")) == before)
    #expect(!gc.stdout.contains("ready:"), "\(gc.stdout)")
    #expect(gc.stdout.contains("1 not finished"), "\(gc.stdout)")
    #expect(!exists(box, "done", "workspace"))
  }

  @Test func dryRunChangesNothing() throws {
    let box = try Sandbox()
    try finished(box, "hello")
    try box.create("ready", from: "hello-world")
    let before = Sandbox.snapshot(box.jobs)
    let gc = try box.logist(["job", "gc", "--dry-run"])
    #expect(gc.status == 0, "\(gc.stderr)")
    #expect(gc.stdout.contains("would remove hello: "), "\(gc.stdout)")
    #expect(gc.stdout.contains("would reclaim "), "\(gc.stdout)")
    #expect(Sandbox.snapshot(box.jobs) == before)
  }

  @Test func olderThanSkipsAJobThatJustFinishedAndCollectsAnOldOne() throws {
    let box = try Sandbox()
    try finished(box, "recent")
    try finished(box, "old")
    try Sandbox.editJSON(box.jobDirectory("old").appendingPathComponent("job.json")) { value in
      var object = value as? [String: Any] ?? [:]
      object["updatedAt"] = JSONCoding.format(Date().addingTimeInterval(-2 * 3_600))
      value = object
    }
    let gc = try box.logist(["job", "gc", "--older-than", "1h"])
    #expect(gc.status == 0, "\(gc.stderr)")
    #expect(exists(box, "recent", "workspace") && !exists(box, "recent", "workspace.mbox"))
    #expect(!exists(box, "old", "workspace") && exists(box, "old", "workspace.mbox"))
    #expect(gc.stdout.contains("1 too recent"), "\(gc.stdout)")
  }

  @Test func uncommittedChangesAreSkippedThenBackedUpWithForce() throws {
    let box = try Sandbox()
    try finished(box, "hello")
    let edited = try finalHello() + "# edited after the job\n"
    try Data(edited.utf8).write(to: box.jobDirectory("hello").appendingPathComponent("workspace/hello.py"))
    let skipped = try box.logist(["job", "gc"])
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(skipped.stdout.contains("skipped hello: 1 uncommitted file (M hello.py)"), "\(skipped.stdout)")
    #expect(exists(box, "hello", "workspace") && !exists(box, "hello", "workspace.mbox"))

    let forced = try box.logist(["job", "gc", "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(forced.stdout.contains("backed up hello: 1 uncommitted file on refs/logist/backup/hello/"))
    #expect(forced.stdout.contains("(workspace.mbox kept, 2 patches)"), "\(forced.stdout)")
    #expect(!exists(box, "hello", "workspace"))
    let mbox = try String(
      contentsOf: box.jobDirectory("hello").appendingPathComponent("workspace.mbox"), encoding: .utf8)
    let patches = mbox.components(separatedBy: "\nFrom ")
    #expect(patches.count == 2)
    let last = try #require(patches.last)
    #expect(
      last.range(of: #"Logist-Backup: refs/logist/backup/hello/\d{8}T\d{6}Z"#, options: .regularExpression) != nil)
    #expect(last.contains("+# edited after the job"), "\(last)")
    let repo = try seedRepository(box)
    try GitWitness.git(["am", "-q", box.jobDirectory("hello").appendingPathComponent("workspace.mbox").path], in: repo)
    #expect(try String(contentsOf: repo.appendingPathComponent("hello.py"), encoding: .utf8) == edited)
  }

  @Test func aJobLockedByAnotherProcessIsSkipped() throws {
    let box = try Sandbox()
    try finished(box, "hello")
    let lock = try JobLock.acquire(id: "hello", locksDirectory: box.jobs.appendingPathComponent(".locks"))
    let gc = try box.logist(["job", "gc"])
    #expect(gc.status == 0, "\(gc.stderr)")
    #expect(gc.stdout.contains("skipped hello: job hello is locked by pid "), "\(gc.stdout)")
    #expect(exists(box, "hello", "workspace"))
    withExtendedLifetime(lock) {}
  }

  @Test(arguments: ["5x", "1.5h", "-1h", "h", "7", "", "3 d"])
  func badDurationIsAUsageError(value: String) throws {
    let box = try Sandbox()
    let gc = try box.logist(["job", "gc", "--older-than", value])
    #expect(gc.status == 64)
    #expect(gc.stderr.contains("--older-than \"\(value)\" is not a duration"), "\(gc.stderr)")
  }
}
