import Foundation
import Testing

/// `job restep` and `job rerun`: back to a checkpoint, superseding history without deleting it.
@Suite(.serialized) struct RewindTests {
  /// A sandbox with review-loop run to success (4 history entries).
  private func succeededLoop() throws -> Sandbox {
    let box = try Sandbox()
    try box.create("loop", from: "review-loop")
    let run = try box.logist(["job", "run", "loop"])
    #expect(run.status == 0, "\(run.stderr)")
    return box
  }

  private func superseded(_ box: Sandbox) throws -> [Bool] {
    try box.historyJSON("loop").map { $0["superseded"] as? Bool ?? false }
  }

  @Test func restepGoesBackToTheCheckpointAndKeepsEverything() throws {
    let box = try succeededLoop()
    let runsBefore = Sandbox.snapshot(box.jobDirectory("loop").appendingPathComponent("runs"))

    let restep = try box.logist(["job", "restep", "loop", "3"])
    #expect(restep.status == 0, "\(restep.stderr)")
    #expect(restep.stdout.contains("rewound to before entry 3"))
    let manifest = try box.manifest("loop")
    #expect(manifest["status"] as? String == "ready")
    #expect(manifest["currentPhase"] as? String == "implement")
    #expect(manifest["attempt"] as? Int == 2)

    let history = try box.historyJSON("loop")
    #expect(history.map { $0["number"] as? Int } == [1, 2, 3, 4])
    #expect(try superseded(box) == [false, false, true, true])
    let text = try box.logist(["job", "history", "loop"])
    let numbers = lines(text.stdout).dropFirst().map { String($0.prefix(while: { !$0.isWhitespace })) }
    #expect(numbers == ["1", "2", "3~", "4~"], "\(text.stdout)")
    #expect(
      Sandbox.snapshot(box.jobDirectory("loop").appendingPathComponent("runs")) == runsBefore,
      "a rewind must not delete or change run archives")
    let status = try box.logist(["job", "status", "loop"])
    #expect(status.stdout.contains("runs:       2 (+2 superseded)"), "\(status.stdout)")
  }

  @Test func runAfterRestepSucceedsAgainWithSixEntries() throws {
    let box = try succeededLoop()
    try box.logist(["job", "restep", "loop", "3"])
    let run = try box.logist(["job", "run", "loop"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try box.manifest("loop")["status"] as? String == "succeeded")
    let history = try box.historyJSON("loop")
    #expect(history.count == 6)
    #expect(try superseded(box) == [false, false, true, true, false, false])
    #expect(history.last?["number"] as? Int == 6)
    #expect(box.runNames("loop").suffix(2) == ["0005-implement", "0006-review"])
    // The replayed attempt 2 gets the same recorded answer.
    #expect(history[4]["summary"] as? String == history[2]["summary"] as? String)
  }

  @Test func rerunGoesBackToTheFirstPhaseAndSupersedesEverything() throws {
    let box = try succeededLoop()
    let rerun = try box.logist(["job", "rerun", "loop"])
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(rerun.stdout.contains("rewound to the start"))
    let manifest = try box.manifest("loop")
    #expect(manifest["status"] as? String == "ready")
    #expect(manifest["currentPhase"] as? String == "implement")
    #expect(manifest["attempt"] as? Int == 1)
    #expect(try superseded(box) == [true, true, true, true])
    #expect(box.runNames("loop").count == 4)
    let again = try box.logist(["job", "run", "loop"])
    #expect(again.status == 0)
    #expect(try box.history("loop").count == 8)
  }

  @Test(arguments: ["5", "99"])
  func restepOutOfRangeIsRefusedAndChangesNothing(_ number: String) throws {
    let box = try succeededLoop()
    let before = Sandbox.snapshot(box.jobDirectory("loop"))
    let restep = try box.logist(["job", "restep", "loop", number])
    #expect(restep.status == 1, "\(restep.stdout)\(restep.stderr)")
    #expect(restep.stderr.contains("1-4"), "\(restep.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("loop")) == before)
    expectNoCrash(restep)
  }

  @Test(arguments: ["0", "-1", "two"])
  func restepWithANonNumberIsAUsageError(_ number: String) throws {
    let box = try succeededLoop()
    let before = Sandbox.snapshot(box.jobDirectory("loop"))
    let restep = try box.logist(["job", "restep", "loop", "--", number])
    #expect(restep.status == 64, "\(restep.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("loop")) == before)
  }

  @Test func restepOfAJobWithoutHistoryIsRefused() throws {
    let box = try Sandbox()
    try box.create("fresh", from: "review-loop")
    let before = try box.manifestData("fresh")
    let restep = try box.logist(["job", "restep", "fresh", "1"])
    #expect(restep.status == 1)
    #expect(restep.stderr.contains("no history"))
    #expect(try box.manifestData("fresh") == before)
  }

  @Test func restepPastASupersededEntryIsRefused() throws {
    let box = try succeededLoop()
    try box.logist(["job", "restep", "loop", "3"])
    try box.logist(["job", "run", "loop"])
    let before = try box.manifestData("loop")
    let restep = try box.logist(["job", "restep", "loop", "4"])
    #expect(restep.status == 1, "\(restep.stdout)")
    #expect(restep.stderr.contains("history entry 3 of job loop, before 4, was superseded"), "\(restep.stderr)")
    #expect(try box.manifestData("loop") == before)
    let live = try box.logist(["job", "restep", "loop", "6"])
    #expect(live.status == 0, "entry 6 is live, so its checkpoint is on the live path: \(live.stderr)")
    #expect(try box.manifest("loop")["currentPhase"] as? String == "review")
    let again = try box.logist(["job", "restep", "loop", "3"])
    #expect(again.status == 0, "entry 3's own checkpoint is still on the live path: \(again.stderr)")
  }

  @Test func rerunWorksAgainAndAgain() throws {
    let box = try succeededLoop()
    for round in 1...3 {
      let rerun = try box.logist(["job", "rerun", "loop"])
      #expect(rerun.status == 0, "round \(round): \(rerun.stderr)")
      let run = try box.logist(["job", "run", "loop"])
      #expect(run.status == 0, "round \(round): \(run.stderr)")
    }
    let history = try box.manifest("loop")["history"] as? [[String: Any]] ?? []
    #expect(history.count == 16)
    #expect(history.filter { $0["superseded"] as? Bool == false }.count == 4)
  }

  @Test func restepToAnApprovalEntryWaitsForAPersonAgain() throws {
    let box = try Sandbox()
    try box.create("gate", from: "needs-approval")
    try box.logist(["job", "run", "gate"])
    try box.logist(["job", "approve", "gate"])
    let restep = try box.logist(["job", "restep", "gate", "3"])
    #expect(restep.status == 2, "\(restep.stdout)\(restep.stderr)")
    let manifest = try box.manifest("gate")
    #expect(manifest["status"] as? String == "awaiting_approval")
    #expect(manifest["currentPhase"] as? String == "approve")
  }
}
