import Foundation
import Testing

/// `job list` filters and sorting, `logist events`, `logist search`, `logist stats`, all read from the index.
@Suite(.serialized) struct IndexQueryTests {
  private func ids(_ text: String) -> [String] {
    lines(text).dropFirst().map { String($0.prefix(while: { !$0.isWhitespace })) }
  }

  @Test func listFiltersByPhaseAndTimeAndSorts() throws {
    let box = try Sandbox()
    try box.fourJobs()
    #expect(ids(try box.read(["job", "list", "--phase", "approve"])) == ["gate"])
    #expect(ids(try box.read(["job", "list", "--phase", "implement"])) == ["todo"])
    #expect(ids(try box.read(["job", "list", "--since", "1h"])) == ["done", "gate", "loop", "todo"])
    #expect(try box.read(["job", "list", "--since", "2999-01-01"]).hasPrefix("no jobs"))
    #expect(ids(try box.read(["job", "list", "--sort", "status"])) == ["todo", "gate", "done", "loop"])
    #expect(ids(try box.read(["job", "list", "--sort", "updated"])).first == "gate")
    let byCost = try Sandbox.json(try box.read(["job", "list", "--sort", "cost", "--json"])) as? [[String: Any]] ?? []
    let costs = byCost.compactMap { $0["costUSD"] as? Double }
    #expect(costs == costs.sorted(by: >) && costs.count == 4)
    for bad in [["--sort", "price"], ["--since", "yesterday"]] {
      let result = try box.logist(["job", "list"] + bad)
      #expect(result.status == 64, "\(bad): \(result.stderr)")
      #expect(result.stderr.contains("--help"), "\(result.stderr)")
    }
  }

  @Test func eventsListEveryJobsTransitionsAndFilter() throws {
    let box = try Sandbox()
    try box.fourJobs()
    _ = try box.logist(["job", "approve", "gate"])
    let all = try Sandbox.json(try box.read(["events", "--json"])) as? [[String: Any]] ?? []
    let fromFiles = try ["done", "loop", "gate", "todo"].flatMap { try box.events($0) }
    #expect(all.count == fromFiles.count, "every line of every events.jsonl is listed")
    let times = all.compactMap { $0["time"] as? String }
    #expect(times == times.sorted())
    let approved = try box.read(["events", "--kind", "job.approved"])
    #expect(ids(approved).count == 1 && approved.contains("gate"))
    let phases =
      try Sandbox.json(try box.read(["events", "--job", "loop", "--kind", "phase", "--json"])) as? [[String: Any]]
    #expect(phases?.count == 8, "4 runs of loop, each started and ended")
    #expect(phases?.allSatisfy { ($0["run"] as? String)?.isEmpty == false } == true)
    #expect(try box.read(["events", "--since", "2999-01-01"]).hasPrefix("no events"))
    let bad = try box.logist(["events", "--kind", "phase.exploded"])
    #expect(bad.status == 64 && bad.stderr.contains("phase.ended"), "\(bad.stderr)")
    #expect(try box.logist(["events", "--job", "nosuch"]).status == 1)
  }

  @Test func lockConflictsAreEvents() throws {
    let box = try Sandbox()
    let slow = try box.slowTemplate(delay: 1.5)
    try box.create("slow", fromDirectory: slow)
    let runner = try box.start(["--jobs-dir", box.jobs.path, "job", "run", "slow"])
    try waitFor("the run to start") { (try? box.events("slow").count) ?? 0 >= 2 }
    let refused = try box.logist(["job", "step", "slow"])
    #expect(refused.status == 1)
    runner.process.waitUntilExit()
    let conflicts = try box.read(["events", "--kind", "lock.conflict"])
    #expect(ids(conflicts).count == 1 && conflicts.contains("slow"), "\(conflicts)")
  }

  @Test func followPrintsNewEventsAsTheyHappen() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    let follow = try box.start(["--jobs-dir", box.jobs.path, "events", "--follow", "--json"])
    defer { follow.process.terminate() }
    let output = { (try? String(contentsOf: follow.out, encoding: .utf8)) ?? "" }
    try waitFor("the first event") { output().contains("job.created") }
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    try waitFor("the run's events") { lines(output()).count == 5 }
    let kinds = lines(output()).compactMap { (try? Sandbox.json($0) as? [String: Any])?["kind"] as? String }
    #expect(kinds == ["job.created", "phase.started", "phase.ended", "phase.started", "phase.ended"])
  }

  @Test func searchRanksAndHighlights() throws {
    let box = try Sandbox()
    try box.fourJobs()
    _ = try box.logist(["job", "reject", "gate", "--feedback", "Please document the timeout in CHANGELOG.md"])
    let hits = try Sandbox.json(try box.read(["search", "changelog", "--json"])) as? [[String: Any]] ?? []
    #expect(hits.first?["job"] as? String == "gate", "\(hits)")
    #expect(hits.contains { $0["field"] as? String == "feedback" })
    #expect((hits.first?["snippet"] as? String)?.contains("[CHANGELOG]") == true, "\(hits)")
    let ranks = hits.compactMap { $0["rank"] as? Double }
    #expect(ranks == ranks.sorted())
    #expect(try box.read(["search", "zyzzyva"]).hasPrefix("no match"))
    #expect(try box.logist(["search", "\"unbalanced"]).status == 0, "quotes in the text are words, not syntax")
    #expect(try box.logist(["search", " "]).status == 64)
  }

  @Test func statsCountStatusesSpendAndSuccess() throws {
    let box = try Sandbox()
    try box.fourJobs()
    let stats = try #require(try Sandbox.json(try box.read(["stats", "--json"])) as? [String: Any])
    #expect(stats["jobs"] as? Int == 4)
    let byStatus = (stats["byStatus"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "") \($0["count"] ?? "")" }
    #expect(byStatus == ["ready 1", "awaiting_approval 1", "succeeded 2"])
    #expect(stats["successRate"] as? Double == 1)
    #expect(stats["meanRunsToSuccess"] as? Double == 3)
    let manifests = try ["done", "loop", "gate", "todo"].map { try box.manifest($0) }
    let cost = manifests.flatMap { $0["history"] as? [[String: Any]] ?? [] }.reduce(0.0) {
      $0 + ((($1["usage"] as? [String: Any])?["costUSD"] as? Double) ?? 0)
    }
    #expect(abs((stats["costUSD"] as? Double ?? 0) - cost) < 1e-9)
    let roles = (stats["byRole"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(Set(roles) == ["worker", "supervisor"])
    #expect(try box.read(["stats", "--since", "2999-01-01", "--json"]).contains("\"jobs\" : 0"))
    let text = try box.read(["stats"])
    #expect(text.contains("jobs: 4 (1 ready, 1 awaiting_approval, 2 succeeded)"), "\(text)")
  }

  @Test func readingAMissingJobsDirectoryCreatesNothing() throws {
    let box = try Sandbox()
    for args in [["events"], ["search", "x"], ["stats"], ["job", "list", "--sort", "cost"]] {
      #expect(try box.logist(args).status == 0)
    }
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path))
  }
}
