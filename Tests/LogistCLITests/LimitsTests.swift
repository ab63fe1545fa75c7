import Foundation
import Testing

/// Every limit key halts before the phase that would cross it, and a raised job ends exactly like an
/// unlimited one.
@Suite(.serialized) struct LimitsTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let kind: String
    let limit: String
    let value: Double
    let raise: [String]
    let ledgerKey: String?
    let delay: Double
    let option: String
    var testDescription: String { kind }
  }

  static let cases = [
    Case(
      kind: "cost", limit: "maxCostUSD", value: 0.95, raise: ["--add-cost", "1"], ledgerKey: "costUSD", delay: 0,
      option: "--max-cost"),
    Case(
      kind: "tokens", limit: "maxTokens", value: 12000, raise: ["--add-tokens", "10000"], ledgerKey: nil, delay: 0,
      option: "--max-tokens"),
    Case(
      kind: "actions", limit: "maxActions", value: 12, raise: ["--add-actions", "10"], ledgerKey: "actions", delay: 0,
      option: "--max-actions"),
    Case(
      kind: "phaseRuns", limit: "maxPhaseRuns", value: 2, raise: ["--add-phase-runs", "1"], ledgerKey: nil, delay: 0,
      option: "--max-phase-runs"),
    Case(
      kind: "wallTime", limit: "maxWallSeconds", value: 1.5, raise: ["--add-time", "10s"], ledgerKey: "seconds",
      delay: 0.6, option: "--max-time"),
  ]

  @Test(arguments: cases)
  func theCrossingPhaseNeverStartsAndARaisedJobEndsLikeAnUnlimitedOne(_ c: Case) throws {
    let box = try Sandbox()
    let roles = try box.workerRoles(["maxCostPerPhaseUSD": 0.4, "maxTokensPerPhase": 5000, "maxActionsPerPhase": 5])
    let env = ["LOGIST_ROLES_DIR": roles.path]
    let steps = Array(repeating: Sandbox.Step(delay: c.delay), count: 3)
    let limited = try box.budgetTemplate(name: "limited", limits: [c.limit: c.value], steps: steps)
    #expect(try box.logist(["job", "create", "lim", "--from", limited.path], environment: env).status == 0)
    #expect(try box.logist(["job", "create", "free", "--from", limited.path], environment: env).status == 0)
    #expect(try box.logist(["job", "limits", "free", c.option, "none"], environment: env).status == 0)

    let run = try box.logist(["job", "run", "lim"], environment: env)
    #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
    let job = try box.manifest("lim")
    #expect(job["status"] as? String == "halted")
    #expect(job["currentPhase"] as? String == "a3")
    let halt = job["halt"] as? [String: Any]
    #expect(halt?["kind"] as? String == c.kind)
    #expect(halt?["projected"] != nil, "a pre-flight halt says what was projected")
    #expect(try box.history("lim").count == 2, "the phase that would cross must not start")
    #expect(try box.ledger("lim").allSatisfy { $0["phase"] as? String != "a3" })
    if let key = c.ledgerKey {
      #expect(try box.ledgerSum("lim", key) <= c.value, "zero overshoot of \(c.limit)")
    }
    if c.kind == "tokens" {
      let tokens = try ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"].reduce(0.0) {
        $0 + (try box.ledgerSum("lim", $1))
      }
      #expect(tokens <= c.value)
    }
    let status = try box.logist(["job", "status", "lim"], environment: env)
    #expect(status.stdout.contains("job limits lim \(c.raise[0])"), "status names the command that lifts it")

    let raised = try box.logist(["job", "limits", "lim"] + c.raise, environment: env)
    #expect(raised.status == 0, "\(raised.stdout)\(raised.stderr)")
    #expect(raised.stdout.contains("no longer halted"))
    #expect(try box.logist(["job", "run", "lim"], environment: env).status == 0)
    #expect(try box.logist(["job", "run", "free"], environment: env).status == 0)
    let (limJSON, freeJSON) = (try canonical(box.manifest("lim")), try canonical(box.manifest("free")))
    let differing = zip(lines(limJSON), lines(freeJSON)).first { $0 != $1 }
    #expect(limJSON == freeJSON, "first difference: \(String(describing: differing))")
    let changes = try box.manifest("lim")["limitChanges"] as? [[String: Any]]
    #expect(changes?.count == 1 && changes?.first?["old"] != nil && changes?.first?["new"] != nil)
  }

  @Test func theSameActionOnTheSameTreeThreeTimesHaltsWithNoProgress() throws {
    let box = try Sandbox()
    var retry = Sandbox.Step()
    retry.action = "RETRY"
    retry.editsFile = false
    let dir = try box.budgetTemplate(name: "loop", limits: [:], steps: [retry])
    // One phase, retried: the script answers attempt N with its N-th entry for the phase.
    let url = dir.appendingPathComponent("responses.json")
    var entries = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]] ?? []
    entries += [entries[0], entries[0]]
    var done = entries[0]
    done["response"] = ["action": "COMPLETED", "summary": "finally"]
    entries.append(done)
    try JSONSerialization.data(withJSONObject: entries).write(to: url)
    let job = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("job.json")))
    var manifest = job as? [String: Any] ?? [:]
    manifest["phases"] = [["name": "a1", "role": "worker", "kind": "agent", "maxAttempts": 6]]
    try JSONSerialization.data(withJSONObject: manifest).write(to: dir.appendingPathComponent("job.json"))
    try box.create("stuck", fromDirectory: dir)
    let run = try box.logist(["job", "run", "stuck"])
    #expect(run.status == 3)
    let halted = try box.manifest("stuck")
    #expect((halted["halt"] as? [String: Any])?["kind"] as? String == "noProgress")
    #expect(try box.history("stuck").count == 3)
    #expect((halted["statusReason"] as? String)?.contains("3 times in a row") == true)
    #expect(try box.logist(["job", "limits", "stuck", "--no-progress-runs", "5"]).status == 0)
    #expect(try box.logist(["job", "run", "stuck"]).status == 0)
    #expect(try box.history("stuck").map { $0["action"] as? String } == ["RETRY", "RETRY", "RETRY", "COMPLETED"])
  }

  @Test func aWarningIsPrintedAndRecordedOncePerLimit() throws {
    let box = try Sandbox()
    let steps = Array(repeating: Sandbox.Step(), count: 3)
    let dir = try box.budgetTemplate(name: "warn", limits: ["maxCostUSD": 2.0, "warnAt": 0.25], steps: steps)
    try box.create("w", fromDirectory: dir)
    let run = try box.logist(["job", "run", "w"])
    #expect(run.status == 0)
    let warnings = lines(run.stderr).filter { $0.hasPrefix("warning:") }
    #expect(warnings == ["warning: job w has used 30% of maxCostUSD ($0.6000 of $2.0000)"])
    #expect(try box.events("w").filter { $0["kind"] as? String == "limit.warning" }.count == 1)
    #expect(try box.manifest("w")["limitWarnings"] as? [String] == ["maxCostUSD"])
  }
}
