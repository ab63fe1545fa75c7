import Foundation
import Testing

/// `<jobs-dir>/logist.db`: derived from the jobs directory, repaired by itself, identical after a rebuild.
@Suite(.serialized) struct IndexTests {
  @Test func aRebuiltIndexAnswersEveryQueryExactlyAsBefore() throws {
    let box = try Sandbox()
    try box.fourJobs()
    let before = try box.indexAnswers()
    #expect(before[0].contains("loop") && before[3].contains("[greet"), "\(before)")
    box.deleteDatabase()
    let rebuild = try box.logist(["index", "rebuild"])
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    #expect(rebuild.stdout.hasPrefix("index rebuilt: 4 jobs, "), "\(rebuild.stdout)")
    #expect(try box.indexAnswers() == before)
    // Deleted again and not rebuilt by hand: the next read builds it, says so once, and answers the same.
    box.deleteDatabase()
    let list = try box.logist(["job", "list"])
    #expect(list.stderr == "index: built logist.db from 4 jobs\n")
    #expect(list.stdout == before[0])
    #expect(try box.logist(["job", "list"]).stderr.isEmpty, "the notice is said once")
    #expect(try box.indexAnswers() == before)
  }

  @Test func theDatabaseIsWALAndPassesTheIntegrityCheckOfTheSqlite3CLI() throws {
    let box = try Sandbox()
    try box.fourJobs()
    #expect(try box.sqlite("PRAGMA integrity_check") == "ok")
    #expect(try box.sqlite("PRAGMA journal_mode") == "wal")
    #expect(try box.sqlite("PRAGMA user_version") == "2")
    #expect(
      try box.sqlite("SELECT id || ' ' || status FROM jobs ORDER BY id").split(separator: "\n") == [
        "done succeeded", "gate awaiting_approval", "loop succeeded", "todo ready",
      ])
    #expect(try box.sqlite("SELECT count(*) FROM phase_runs WHERE job = 'loop'") == "4")
    #expect(
      try box.sqlite("SELECT model FROM phase_runs WHERE job = 'done' ORDER BY number")
        == "claude-sonnet-4-5\nclaude-opus-4-1")
    #expect(try box.sqlite("SELECT count(*) FROM search WHERE search MATCH 'greet'") != "0")
    #expect(
      try box.sqlite("SELECT revision FROM jobs WHERE id = 'done'")
        == "\(try box.manifest("done")["revision"] as? Int ?? -1)")
  }

  @Test func aManifestEditedByHandIsPickedUpWithOneNotice() throws {
    let box = try Sandbox()
    try box.fourJobs()
    _ = try box.read(["job", "list"])
    try Sandbox.editJSON(box.jobDirectory("todo").appendingPathComponent("job.json")) { value in
      var object = value as? [String: Any] ?? [:]
      object["title"] = "Retitled by hand"
      value = object
    }
    let list = try box.logist(["job", "list", "--json"])
    #expect(list.status == 0)
    let rows = try Sandbox.json(list.stdout) as? [[String: Any]] ?? []
    #expect(rows.first { $0["id"] as? String == "todo" }?["title"] as? String == "Retitled by hand")
    #expect(
      lines(list.stderr) == [
        "index: reindexed 1 job changed outside logist (hand edit, older logist or an interrupted update)"
      ])
    #expect(try box.read(["search", "retitled"]).contains("todo"))
    #expect(try box.logist(["job", "list"]).stderr.isEmpty)
    // A job directory removed by hand leaves the index too.
    try FileManager.default.removeItem(at: box.jobDirectory("gate"))
    let after = try box.logist(["job", "list"])
    #expect(!after.stdout.contains("gate"))
    #expect(after.stderr.contains("reindexed 1 job"))
  }

  @Test func aCorruptDatabaseIsRebuiltWithOneNotice() throws {
    let box = try Sandbox()
    try box.fourJobs()
    let before = try box.indexAnswers()
    box.deleteDatabase()
    try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: box.database)
    let list = try box.logist(["job", "list"])
    #expect(list.status == 0, "\(list.stderr)")
    #expect(lines(list.stderr).count == 1, "\(list.stderr)")
    #expect(list.stderr.hasPrefix("index: logist.db was damaged ("), "\(list.stderr)")
    #expect(list.stderr.contains("rebuilt it from 4 jobs"), "\(list.stderr)")
    #expect(list.stdout == before[0])
    #expect(try box.logist(["job", "list"]).stderr.isEmpty)
    #expect(try box.indexAnswers() == before)
    #expect(try box.sqlite("PRAGMA integrity_check") == "ok")
  }

  @Test func anOlderSchemaMigratesForward() throws {
    let box = try Sandbox()
    try box.fourJobs()
    let before = try box.indexAnswers()
    // What a logist of schema 1 left: no full-text table, no batches.
    _ = try box.sqlite("DROP TABLE search; DROP TABLE batch_jobs; DROP TABLE batches; PRAGMA user_version = 1;")
    let search = try box.logist(["search", "greet"])
    #expect(search.status == 0, "\(search.stderr)")
    #expect(search.stderr == "index: migrated logist.db from schema 1 to 2 and reindexed 4 jobs\n")
    #expect(search.stdout == before[3])
    #expect(try box.sqlite("PRAGMA user_version") == "2")
    #expect(try box.indexAnswers() == before)
  }

  @Test func aDatabaseFromANewerLogistIsRefusedWithWhatToDo() throws {
    let box = try Sandbox()
    try box.create("todo", from: "hello-world")
    _ = try box.sqlite("PRAGMA user_version = 99;")
    let list = try box.logist(["job", "list"])
    #expect(list.status == 1)
    #expect(lines(list.stderr).count == 1)
    #expect(list.stderr.contains("schema version 99 is newer"), "\(list.stderr)")
    #expect(list.stderr.contains("logist.db"), "\(list.stderr)")
    // Saving a job still works: the manifest is the truth, the index is best effort.
    #expect(try box.logist(["job", "run", "todo"]).status == 0)
    #expect(try box.manifest("todo")["status"] as? String == "succeeded")
  }

  @Test func twoProcessesWritingDifferentJobsAtOnceSeeNoBusyError() throws {
    let box = try Sandbox()
    let ids = (1...6).map { "job\($0)" }
    for id in ids { try box.create(id, from: "hello-world") }
    let running = try ids.map { try box.start(["--jobs-dir", box.jobs.path, "job", "run", $0]) }
    for process in running { process.process.waitUntilExit() }
    for result in running.map({ $0.result() }) {
      #expect(result.status == 0, "\(result.stderr)")
      #expect(!result.stderr.lowercased().contains("busy") && !result.stderr.contains("index"), "\(result.stderr)")
    }
    // Every save's hook landed: nothing is stale, every run is indexed.
    let list = try box.logist(["job", "list", "--status", "succeeded", "--json"])
    #expect(list.stderr.isEmpty, "\(list.stderr)")
    #expect((try Sandbox.json(list.stdout) as? [Any])?.count == 6)
    #expect(try box.sqlite("SELECT count(*) FROM phase_runs") == "12")
    #expect(try box.sqlite("PRAGMA integrity_check") == "ok")
  }
}
