import Foundation
import Testing

/// A command killed between saving the manifest and appending the events of that change: the next
/// command appends them, exactly once, and drops those of a save that never landed.
@Suite(.serialized) struct EventJournalTests {
  /// Where a crash cut the last change of a finished job.
  enum Cut: String, CaseIterable, Sendable {
    /// The manifest was saved, no event appended.
    case afterTheSave
    /// The manifest was saved and the events appended; the journal was not removed.
    case afterTheEvents
    /// The journal was written, the manifest never saved.
    case beforeTheSave
  }

  @Test(arguments: Cut.allCases)
  func eventsOfASavedChangeAreLoggedOnceWhereverTheCrashCut(_ cut: Cut) throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    #expect(try box.logist(["job", "run", "hello"]).status == 0)
    let directory = box.jobDirectory("hello")
    let log = directory.appendingPathComponent("events.jsonl")
    let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
    let last = try #require(lines.last)
    let ended = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    #expect(ended["kind"] as? String == "phase.ended")
    let revision = try #require(try box.manifest("hello")["revision"] as? Int)

    // The state the crash left: the journal names the revision its save makes.
    let kept = cut == .afterTheEvents ? lines : Array(lines.dropLast())
    try (kept.joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)
    let pending: [String: Any] = ["revision": cut == .beforeTheSave ? revision + 1 : revision, "events": [ended]]
    let journal = directory.appendingPathComponent("events.pending.json")
    try JSONSerialization.data(withJSONObject: pending).write(to: journal)

    let status = try box.logist(["job", "status", "hello"])
    #expect(status.status == 0, "\(status.stderr)")
    #expect(!FileManager.default.fileExists(atPath: journal.path), "the journal is settled")
    let run = ended["run"] as? String
    let endings = try box.events("hello").filter {
      $0["kind"] as? String == "phase.ended" && $0["run"] as? String == run
    }
    switch cut {
    case .afterTheSave:
      #expect(endings.count == 1, "\(endings)")
      #expect((endings.first?["payload"] as? [String: Any])?["recovered"] as? String == "true")
    case .afterTheEvents:
      #expect(endings.count == 1, "never written twice: \(endings)")
      #expect((endings.first?["payload"] as? [String: Any])?["recovered"] == nil)
    case .beforeTheSave:
      #expect(endings.isEmpty, "a change that was never saved is not logged: \(endings)")
    }
    let again = try String(contentsOf: log, encoding: .utf8)
    #expect(try box.logist(["job", "status", "hello"]).status == 0)
    #expect(try String(contentsOf: log, encoding: .utf8) == again, "settled once")
  }

  @Test func everyPhaseRunOfAFinishedJobHasItsStartAndEndInTheLog() throws {
    let box = try Sandbox()
    try box.create("review", from: "review-loop")
    _ = try box.logist(["job", "run", "review"])
    let history = try box.manifest("review")["history"] as? [[String: Any]] ?? []
    let runs = history.compactMap { $0["run"] as? String }
    #expect(!runs.isEmpty)
    let events = try box.events("review")
    for run in runs {
      let kinds = events.filter { $0["run"] as? String == run }.compactMap { $0["kind"] as? String }
      #expect(kinds.filter { $0 == "phase.started" }.count == 1, "\(run): \(kinds)")
      #expect(kinds.filter { $0 == "phase.ended" }.count == 1, "\(run): \(kinds)")
    }
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("review").path + "/events.pending.json"))
  }
}
