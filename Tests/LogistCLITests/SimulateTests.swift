import Foundation
import Testing

/// `logist simulate` end to end: repeatable output, refused models, a job's forecast from where it stands.
@Suite(.serialized) struct SimulateTests {
  static let model = """
    {"schemaVersion": 1, "phases": {
      "implement": {"actions": {"COMPLETED": 1}, "costUSD": {"fixed": 0.01}, "seconds": {"uniform": [10, 60]}},
      "review": {"actions": {"APPROVED": 0.6, "REJECTED": 0.4}, "costUSD": {"lognormal": {"median": 0.02, "p90": 0.05}}}}}
    """

  func writeModel(_ box: Sandbox, _ text: String = model) throws -> String {
    let url = box.root.appendingPathComponent("model.json")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test func theSameSeedPrintsTheSameBytesAndWritesNothing() throws {
    let box = try Sandbox()
    let model = try writeModel(box)
    let template = Sandbox.template("review-loop").path
    let args = ["simulate", template, "--model", model, "--runs", "2000", "--seed", "42"]
    let one = try box.logist(args)
    let two = try box.logist(args)
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == two.stdout)
    #expect(one.stdout.contains("succeeded"))
    #expect(one.stdout.contains("implement:COMPLETED > review:APPROVED"))
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path), "simulate writes nothing")
    let json = try box.logist(args + ["--json"])
    let again = try box.logist(args + ["--json"])
    #expect(json.stdout == again.stdout)
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
    for key in ["runs", "seed", "status", "halts", "costUSD", "tokens", "seconds", "phaseRuns", "paths"] {
      #expect(report[key] != nil, "JSON lacks \(key)")
    }
    #expect(report["runs"] as? Int == 2000)
    let saved = box.root.appendingPathComponent("report.json")
    try Data(json.stdout.utf8).write(to: saved)
    let valid = try box.logist(["job", "validate", saved.path, "--schema", "simulation"])
    #expect(valid.status == 0, "Schemas/simulation.schema.json accepts the report: \(valid.stdout)\(valid.stderr)")
  }

  @Test func withoutASeedOneIsPickedAndPrinted() throws {
    let box = try Sandbox()
    let result = try box.logist(["simulate", Sandbox.template("review-loop").path, "--runs", "10"])
    #expect(result.status == 0, "\(result.stderr)")
    let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("repeat with: --seed ") }
    #expect(line != nil, "\(result.stdout)")
  }

  @Test(arguments: [
    (#"{"schemaVersion": 1, "phases": {"review": {"actions": {"APPROVED": 0.5}}}}"#, "phases.review.actions"),
    (#"{"schemaVersion": 1, "phases": {"review": {"costUSD": {"fixed": -1}}}}"#, "phases.review.costUSD"),
    (#"{"schemaVersion": 2}"#, "schemaVersion"),
    ("{", "model.json"),
  ])
  func aBadModelIsOneLineNamingTheFileAndExit1(_ text: String, _ field: String) throws {
    let box = try Sandbox()
    let model = try writeModel(box, text)
    let result = try box.logist(["simulate", Sandbox.template("review-loop").path, "--model", model, "--seed", "1"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)")
    #expect(result.stderr.contains(model) && result.stderr.contains(field), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path))
  }

  @Test func targetSuccessRecommendsABudget() throws {
    let box = try Sandbox()
    let model = try writeModel(box)
    let args = [
      "simulate", Sandbox.template("review-loop").path, "--model", model, "--seed", "5", "--runs", "1000",
      "--target-success", "0.8",
    ]
    let result = try box.logist(args + ["--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    let recommended = report["recommended"] as? [String: Any]
    #expect((recommended?["maxCostUSD"] as? Double ?? 0) > 0)
    #expect((recommended?["success"] as? Double ?? 0) >= 0.8)
    let text = try box.logist(args)
    #expect((recommended?["maxWallSeconds"] as? Double ?? 0) > 0, "the model has time: \(recommended ?? [:])")
    #expect(text.stdout.contains("for 80% success: maxCostUSD $"), "\(text.stdout)")
    #expect(text.stdout.contains(", maxWallSeconds "), "\(text.stdout)")
    let saved = box.root.appendingPathComponent("report.json")
    try Data(result.stdout.utf8).write(to: saved)
    let valid = try box.logist(["job", "validate", saved.path, "--schema", "simulation"])
    #expect(valid.status == 0, "Schemas/simulation.schema.json accepts it: \(valid.stdout)\(valid.stderr)")
    #expect(try box.logist(args + ["--target-success", "1.5"]).status == 64)
  }

  @Test func compareShowsTheDifferenceAgainstTheNoise() throws {
    let box = try Sandbox()
    let model = try writeModel(box)
    let loop = Sandbox.template("review-loop").path
    let budget = box.root.appendingPathComponent("tight")
    try FileManager.default.createDirectory(at: budget, withIntermediateDirectories: true)
    // The same strategy with a $0.60 budget: the built-in roles project $0.50 a phase, so it halts often.
    let job = try String(contentsOfFile: loop + "/job.json", encoding: .utf8)
      .replacingOccurrences(of: "\"maxCostUSD\": 2.0", with: "\"maxCostUSD\": 0.6")
    try Data(job.utf8).write(to: budget.appendingPathComponent("job.json"))
    let args = ["simulate", loop, "--compare", budget.path, "--model", model, "--seed", "11", "--runs", "2000"]
    let result = try box.logist(args + ["--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    #expect(json["a"] != nil && json["b"] != nil)
    let rows = json["differences"] as? [[String: Any]] ?? []
    let halted = rows.first { $0["key"] as? String == "halts.cost" }
    #expect((halted?["difference"] as? Double ?? 0) > 0, "the tight budget halts more: \(rows)")
    #expect(halted?["beyondNoise"] as? Bool == true)
    let same = try box.logist(["simulate", loop, "--compare", loop, "--model", model, "--seed", "11", "--json"])
    let sameRows =
      (try JSONSerialization.jsonObject(with: Data(same.stdout.utf8)) as? [String: Any])?["differences"]
      as? [[String: Any]] ?? []
    #expect(!sameRows.isEmpty)
    #expect(sameRows.allSatisfy { $0["beyondNoise"] as? Bool == false }, "a strategy against itself: no difference")
    let saved = box.root.appendingPathComponent("comparison.json")
    try Data(result.stdout.utf8).write(to: saved)
    let valid = try box.logist(["job", "validate", saved.path, "--schema", "simulation-comparison"])
    #expect(valid.status == 0, "Schemas/simulation-comparison.schema.json accepts it: \(valid.stdout)\(valid.stderr)")
    // A side that is no simulation report is refused, naming the side.
    var broken = json
    var side = json["b"] as? [String: Any] ?? [:]
    side["runs"] = "many"
    broken["b"] = side
    try JSONSerialization.data(withJSONObject: broken).write(to: saved)
    let refused = try box.logist(["job", "validate", saved.path, "--schema", "simulation-comparison"])
    #expect(refused.status != 0)
    #expect((refused.stdout + refused.stderr).contains("b: "), "\(refused.stdout)\(refused.stderr)")
    let text = try box.logist(args)
    #expect(text.stdout.contains("beyond noise"), "\(text.stdout)")
  }

  @Test func fromHistoryFitsTheModelFromPastRuns() throws {
    let box = try Sandbox()
    // Three replayed review-loop jobs: implement COMPLETED twice each, review REJECTED then APPROVED.
    for id in ["h1", "h2", "h3"] {
      try box.create(id, from: "review-loop")
      #expect(try box.logist(["job", "run", id]).status == 0)
    }
    let template = Sandbox.template("review-loop").path
    let result = try box.logist([
      "simulate", template, "--from-history", "--seed", "4", "--runs", "20000", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    let sources = report["modelSources"] as? [[String: Any]] ?? []
    #expect(sources.map { $0["phase"] as? String ?? "" } == ["implement", "review"])
    #expect(sources.allSatisfy { $0["basis"] as? String == "phase" && $0["runs"] as? Int == 6 }, "\(sources)")
    #expect(sources.map { $0["model"] as? String } == ["claude-sonnet-4-5", "claude-opus-4-1"], "the roles' models")
    // The reviewer rejected half of its runs: success 1 − 0.5³.
    let success = (report["status"] as? [String: Double])?["succeeded"] ?? 0
    let error = (report["standardErrors"] as? [String: Double])?["status.succeeded"] ?? 0
    #expect(abs(success - 0.875) <= 3 * error, "\(success) ± \(error)")
    let text = try box.logist(["simulate", template, "--from-history", "--seed", "4", "--runs", "100"])
    #expect(
      text.stdout.contains("implement  6 past runs of this phase and role, model claude-sonnet-4-5"), "\(text.stdout)")
    let both = try box.logist(["simulate", template, "--from-history", "--model", "x.json"])
    #expect(both.status == 64)
  }

  @Test func fromHistoryWithTooFewRunsSaysSo() throws {
    let box = try Sandbox()
    try box.create("h1", from: "review-loop")
    #expect(try box.logist(["job", "run", "h1"]).status == 0)
    let result = try box.logist([
      "simulate", Sandbox.template("review-loop").path, "--from-history", "--seed", "4", "--runs", "100",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("implement  only 2 past runs (under 5): the role's limits"), "\(result.stdout)")
  }

  @Test func badOptionsAreUsageErrors() throws {
    let box = try Sandbox()
    let template = Sandbox.template("review-loop").path
    #expect(try box.logist(["simulate", template, "--runs", "0"]).status == 64)
    #expect(try box.logist(["simulate", template, "--seed", "-3"]).status == 64)
    let missing = try box.logist(["simulate", "no-such-job"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("no-such-job"))
  }

  @Test func aJobMidRunIsForecastFromWhatItAlreadySpent() throws {
    let box = try Sandbox()
    try box.create("greet", from: "review-loop")
    #expect(try box.logist(["job", "step", "greet"]).status == 0)
    let before = Sandbox.snapshot(box.jobs)
    let model = try writeModel(box)
    let result = try box.logist(["simulate", "greet", "--model", model, "--seed", "3", "--runs", "500", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    let spent = report["spentBefore"] as? [String: Any]
    #expect(spent?["costUSD"] as? Double == 0.0098, "the replayed implement run's cost")
    #expect(spent?["phaseRuns"] as? Int == 1)
    let cost = report["costUSD"] as? [String: Double]
    #expect((cost?["p50"] ?? 0) >= 0.0098 + 0.01, "the forecast total includes what was spent")
    let paths = report["paths"] as? [[String: Any]] ?? []
    #expect((paths.first?["path"] as? String)?.hasPrefix("review:") == true, "it starts at the review: \(paths)")
    // The implement phase used one of its 3 attempts: at most 2 more implement runs.
    let runs = report["phaseRuns"] as? [String: Double]
    #expect((runs?["max"] ?? 0) <= 6)
    #expect(Sandbox.snapshot(box.jobs) == before, "simulating a job changes nothing on disk")
  }
}
