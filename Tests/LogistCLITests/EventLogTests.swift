import Foundation
import Testing

/// `events.jsonl`: every change of a job is a line, and a torn line never corrupts the log.
@Suite(.serialized) struct EventLogTests {
  @Test func aJobsLifeIsRecordedInOrder() throws {
    let box = try Sandbox()
    #expect(try box.create("gate", from: "needs-approval").status == 0)
    _ = try box.logist(["job", "run", "gate"])
    _ = try box.logist(["job", "approve", "gate"])
    _ = try box.logist(["job", "run", "gate"])
    let events = try box.events("gate")
    let kinds = events.compactMap { $0["kind"] as? String }
    #expect(kinds.first == "job.created")
    #expect(kinds.contains("job.approved"))
    #expect(kinds.filter { $0 == "phase.started" }.count == kinds.filter { $0 == "phase.ended" }.count)
    let ended = events.filter { $0["kind"] as? String == "phase.ended" }
    let run = ended.first?["run"] as? String
    #expect(run?.hasPrefix("0001-") == true, "a phase's events carry its run id")
    let payload = events.last?["payload"] as? [String: String]
    let status = try box.manifest("gate")["status"] as? String
    #expect(payload?["to"] == status, "the last event names the status the job is in")
  }

  @Test func aTornLastLineIsSkippedAndNeverGluedToTheNextRecord() throws {
    let box = try Sandbox()
    #expect(
      try box.logist(["job", "create", "h", "--from", Sandbox.template("hello-world").path, "--draft"]).status == 0)
    let url = box.jobDirectory("h").appendingPathComponent("events.jsonl")
    let handle = try FileHandle(forWritingTo: url)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("{\"kind\":\"half".utf8))
    try handle.close()
    #expect(try box.logist(["job", "activate", "h"]).status == 0)
    let kinds = try box.events("h").compactMap { $0["kind"] as? String }
    #expect(kinds == ["job.created", "job.activated"])
  }
}
