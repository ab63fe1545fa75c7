import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Limits while a phase runs: timeouts, the wall-time budget, streamed usage, killed runs, prices.
@Suite(.serialized) struct LimitsRuntimeTests {
  @Test func slowAgentTimesOutAfterTwoSecondsAndTheNextAttemptFinishes() throws {
    let box = try Sandbox()
    try box.create("slow", from: "slow-agent")
    let started = Date()
    let run = try box.logist(["job", "run", "slow"])
    let elapsed = Date().timeIntervalSince(started)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(elapsed < 10, "a 30 s think must be cut at the 2 s timeout (took \(elapsed) s)")
    let history = try box.history("slow")
    #expect(history.map { $0["action"] as? String } == ["TIMEOUT", "COMPLETED", "APPROVED"])
    #expect(
      history.first?["attempt"] as? Int == 1 && history[1]["attempt"] as? Int == 2, "a timeout is a failed attempt")
    let first = try box.ledger("slow").filter { $0["runName"] as? String == "0001-implement" }
    let seconds = first.reduce(0.0) { $0 + (($1["seconds"] as? NSNumber)?.doubleValue ?? 0) }
    #expect(seconds >= 1.9 && seconds < 5, "the ledger holds the timed-out run's time (\(seconds) s)")
  }

  @Test func aTimeoutOnTheLastAttemptNeedsIntervention() throws {
    let box = try Sandbox()
    let dir = try box.budgetTemplate(
      name: "t", limits: ["phaseTimeoutSeconds": 0.5], steps: [Sandbox.Step(delay: 30)], maxAttempts: 1)
    try box.create("t", fromDirectory: dir)
    let run = try box.logist(["job", "run", "t"])
    #expect(run.status == 2)
    #expect(run.stdout.contains("phase a1 used all 1 attempts; its last run timed out"), "\(run.stdout)")
  }

  @Test func theWallBudgetStopsARunningPhaseAndTheSameAttemptRunsAgainOnceRaised() throws {
    let box = try Sandbox()
    let dir = try box.budgetTemplate(name: "w", limits: ["maxWallSeconds": 1], steps: [Sandbox.Step(delay: 3)])
    try box.create("w", fromDirectory: dir)
    let started = Date()
    let run = try box.logist(["job", "run", "w"])
    #expect(run.status == 3)
    #expect(Date().timeIntervalSince(started) < 2.8, "the run must stop at the 1 s budget")
    let job = try box.manifest("w")
    #expect((job["halt"] as? [String: Any])?["kind"] as? String == "wallTime")
    #expect(try box.history("w").map { $0["action"] as? String } == ["HALTED"])
    #expect(try box.ledgerSum("w", "seconds") < 1.6)
    #expect(try box.logist(["job", "limits", "w", "--add-time", "10s"]).status == 0)
    #expect(try box.logist(["job", "run", "w"]).status == 0)
    let history = try box.history("w")
    #expect(history.map { $0["attempt"] as? Int } == [1, 1], "a halt does not use up an attempt")
    #expect(history.last?["action"] as? String == "COMPLETED")
  }

  @Test func streamedUsageThatCrossesTheCostLimitStopsTheRun() throws {
    let box = try Sandbox()
    var step = Sandbox.Step(delay: 30)
    step.stream = [
      ["delaySeconds": 0.1, "usage": ["inputTokens": 1000, "costUSD": 0.6]],
      ["delaySeconds": 0.1, "usage": ["inputTokens": 1000, "costUSD": 0.6]],
      ["delaySeconds": 30, "usage": ["inputTokens": 1000, "costUSD": 0.6]],
    ]
    let dir = try box.budgetTemplate(name: "s", limits: ["maxCostUSD": 1.0], steps: [step])
    let roles = try box.workerRoles(["maxCostPerPhaseUSD": 0.4])
    #expect(
      try box.logist(["job", "create", "s", "--from", dir.path], environment: ["LOGIST_ROLES_DIR": roles.path])
        .status == 0)
    let started = Date()
    let run = try box.logist(["job", "run", "s"], environment: ["LOGIST_ROLES_DIR": roles.path])
    #expect(run.status == 3)
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(try box.ledgerSum("s", "costUSD") == 1.2, "the crossing report is recorded, nothing after it")
    let history = try box.history("s")
    #expect(history.map { $0["action"] as? String } == ["HALTED"])
    #expect(((history.first?["usage"] as? [String: Any])?["inputTokens"] as? Int) == 2000)
  }

  @Test func aKilledPhaseKeepsItsStreamedSpendInTheLedger() throws {
    let box = try Sandbox()
    var step = Sandbox.Step(delay: 30)
    step.stream = [
      ["delaySeconds": 0, "usage": ["inputTokens": 1234, "outputTokens": 56, "costUSD": 0.02, "actions": 3]]
    ]
    let dir = try box.budgetTemplate(name: "k", limits: [:], steps: [step])
    try box.create("k", fromDirectory: dir)
    let runner = try box.start(["--jobs-dir", box.jobs.path, "job", "run", "k"])
    try waitFor("the streamed usage in the ledger") { (try? box.ledger("k").count) == 1 }
    kill(runner.process.processIdentifier, SIGKILL)
    runner.process.waitUntilExit()
    let status = try box.logist(["job", "status", "k"])
    #expect(status.stdout.contains("interrupted"))
    #expect(status.stdout.contains("$0.0200, 1,290 tokens, 3 actions"), "\(status.stdout)")
    let entry = try box.history("k").first
    #expect(entry?["action"] as? String == "INTERRUPTED")
    #expect((entry?["usage"] as? [String: Any])?["inputTokens"] as? Int == 1234)
    let validate = try box.logist(["job", "validate", "k"])
    #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
  }

  @Test func aModelWithNoPriceHaltsACostLimitedJobAndAPricingFileFixesIt() throws {
    let box = try Sandbox()
    var step = Sandbox.Step()
    step.usage = ["inputTokens": 1000, "outputTokens": 100]
    let dir = try box.budgetTemplate(name: "p", limits: ["maxCostUSD": 5], steps: [step, step])
    let roles = try box.workerRoles(["maxCostPerPhaseUSD": 0.1], model: "mystery-1")
    let env = ["LOGIST_ROLES_DIR": roles.path]
    #expect(try box.logist(["job", "create", "p", "--from", dir.path], environment: env).status == 0)
    let run = try box.logist(["job", "run", "p"], environment: env)
    #expect(run.status == 3)
    #expect(run.stdout.contains("model mystery-1 has no price"), "\(run.stdout)")
    #expect(try box.ledger("p").first?["cost"] as? String == "unknown")
    #expect(try box.history("p").count == 1, "the job stops after the run whose cost is unknown")

    let priced = try box.budgetTemplate(name: "q", limits: ["maxCostUSD": 5], steps: [step])
    let pricing = #"{"models": {"mystery-1": {"input": 2, "output": 10}}}"#
    try Data(pricing.utf8).write(to: roles.appendingPathComponent("pricing.json"))
    #expect(try box.logist(["job", "create", "q", "--from", priced.path], environment: env).status == 0)
    #expect(try box.logist(["job", "run", "q"], environment: env).status == 0)
    let record = try box.ledger("q").first
    #expect(record?["cost"] as? String == "estimated")
    #expect((record?["costUSD"] as? NSNumber)?.doubleValue == 0.003)
  }

  @Test func badLimitInputIsRefusedAndChangesNothing() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    let before = Sandbox.snapshot(box.jobDirectory("h"))
    let cases: [([String], Int32, String)] = [
      (["job", "limits", "h", "--max-cost", "abc"], 64, "--max-cost abc: expected a number"),
      (["job", "limits", "h", "--max-time", "5x"], 64, "expected a duration such as 90s"),
      (["job", "limits", "h", "--warn-at", "1.5"], 64, "must be a fraction"),
      (["job", "limits", "h", "--add-tokens", "10"], 1, "maxTokens is not set"),
      (["job", "limits", "h", "--max-cost", "2", "--add-cost", "1"], 64, "cannot go together"),
      (["job", "limits", "h", "--add-actions", "1.5"], 64, "whole number"),
    ]
    for (args, code, message) in cases {
      let result = try box.logist(args)
      #expect(result.status == code, "\(args): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(args): \(result.stderr)")
      #expect(lines(result.stderr).count == 1)
      expectNoCrash(result)
    }
    #expect(Sandbox.snapshot(box.jobDirectory("h")) == before)
    let create = try box.logist([
      "job", "create", "x", "--from", Sandbox.template("hello-world").path, "--max-time", "soon",
    ])
    #expect(create.status == 64)
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("x").path))
    try Data("{\"models\": {\"m\": {\"input\": -1}}}".utf8).write(to: box.jobs.appendingPathComponent("pricing.json"))
    let priced = try box.logist(["job", "run", "h"])
    #expect(priced.status == 1)
    #expect(priced.stderr.contains("pricing.json"), "\(priced.stderr)")
  }

  @Test func validateFindsAManifestThatDisagreesWithTheLedger() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    #expect(try box.logist(["job", "validate", "h"]).status == 0)
    let url = box.jobDirectory("h").appendingPathComponent("job.json")
    let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(
      of: "\"costUSD\" : 0.0123", with: "\"costUSD\" : 0.0001")
    try Data(text.utf8).write(to: url)
    let validate = try box.logist(["job", "validate", "h"])
    #expect(validate.status != 0)
    #expect(
      validate.stdout.contains("run 0001-implement sums to $0.0123")
        || validate.stderr.contains("run 0001-implement sums to $0.0123"))
  }

  @Test func metricsGivesOneRowPerRunAsTableJSONAndCSV() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    let table = try box.logist(["job", "metrics", "h"])
    #expect(table.stdout.contains("0001-implement  implement  worker"))
    #expect(table.stdout.contains("total: $0.0184, 3,960 tokens"), "\(table.stdout)")
    let csv = lines(try box.logist(["job", "metrics", "h", "--csv"]).stdout)
    #expect(csv.first == "run,phase,role,action,input,output,cache_read,cache_write,actions,cost_usd,cost,seconds")
    #expect(csv.count == 3)
    #expect(csv[1].hasPrefix("0001-implement,implement,worker,COMPLETED,1200,340,800,0,4,0.012300,reported,"))
    let json = try JSONSerialization.jsonObject(
      with: Data(try box.logist(["job", "metrics", "h", "--json"]).stdout.utf8))
    #expect((json as? [[String: Any]])?.count == 2)
    #expect(try box.logist(["job", "metrics", "h", "--json", "--csv"]).status == 64)
  }
}
