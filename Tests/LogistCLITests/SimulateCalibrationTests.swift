import Foundation
import Testing

/// `simulate --from-history` against reality: many replayed jobs whose recorded answers this test
/// draws at random, then the forecast fitted from them must match what those jobs actually did.
@Suite(.serialized) struct SimulateCalibrationTests {
  /// A small seeded generator (SplitMix64), so the drawn answers are the same every run.
  struct Draw {
    var state: UInt64
    mutating func next() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * next() }
  }

  /// The review-loop template with `entries` as its recorded answers, in its own directory.
  func template(_ box: Sandbox, _ name: String, _ entries: [[String: Any]]) throws -> URL {
    let dir = box.root.appendingPathComponent("templates/\(name)")
    try FileManager.default.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Sandbox.template("review-loop"), to: dir)
    let data = try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted])
    try data.write(to: dir.appendingPathComponent("responses.json"))
    return dir
  }

  /// `entry` with its action and cost replaced.
  func answer(_ entry: [String: Any], action: String, cost: Double) -> [String: Any] {
    var entry = entry
    var response = entry["response"] as? [String: Any] ?? [:]
    var usage = response["usage"] as? [String: Any] ?? [:]
    usage["costUSD"] = (cost * 10_000).rounded() / 10_000
    response["usage"] = usage
    response["action"] = action
    entry["response"] = response
    return entry
  }

  @Test func aFittedForecastMatchesWhatTheReplayedJobsDid() throws {
    let box = try Sandbox()
    let recorded = Sandbox.template("review-loop").appendingPathComponent("responses.json")
    let original = try JSONSerialization.jsonObject(with: Data(contentsOf: recorded)) as? [[String: Any]] ?? []
    try #require(original.count == 4)
    let (implement, review) = (original[2], original[3])
    let approve = 0.6
    var draw = Draw(state: 16)
    let jobs = 40
    for index in 0..<jobs {
      // Up to three rounds: the review approves with probability `approve`; costs vary per answer.
      var entries: [[String: Any]] = []
      for _ in 0..<3 {
        entries.append(answer(implement, action: "COMPLETED", cost: draw.uniform(0.005, 0.015)))
        let approved = draw.next() < approve
        entries.append(answer(review, action: approved ? "APPROVED" : "REJECTED", cost: draw.uniform(0.01, 0.03)))
        if approved { break }
      }
      let dir = try template(box, "t\(index)", entries)
      try box.create("c\(index)", fromDirectory: dir)
      #expect(try box.logist(["job", "run", "c\(index)"]).status != 2)
    }
    var succeeded = 0
    var costs: [Double] = []
    for index in 0..<jobs {
      let manifest = try box.manifest("c\(index)")
      if manifest["status"] as? String == "succeeded" { succeeded += 1 }
      let seal = manifest["ledger"] as? [String: Any]
      costs.append((seal?["usage"] as? [String: Any])?["costUSD"] as? Double ?? -1)
    }
    costs.sort()
    #expect(costs.allSatisfy { $0 > 0 }, "every job recorded its cost: \(costs)")
    let observed = Double(succeeded) / Double(jobs)
    #expect(observed > 0.5 && observed < 1, "the drawn answers make some jobs fail: \(succeeded) of \(jobs)")

    let result = try box.logist([
      "simulate", Sandbox.template("review-loop").path, "--from-history", "--seed", "9", "--runs", "20000", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    let forecast = (report["status"] as? [String: Double])?["succeeded"] ?? -1
    let forecastError = (report["standardErrors"] as? [String: Double])?["status.succeeded"] ?? 0
    let observedError = (observed * (1 - observed) / Double(jobs)).squareRoot()
    let error = (observedError * observedError + forecastError * forecastError).squareRoot()
    #expect(abs(forecast - observed) <= 3 * error, "forecast \(forecast), observed \(observed) ± \(error)")
    // The observed median's standard error in ranks is √n / 2: the forecast median lies within
    // three of them of the observed one.
    let median = (report["costUSD"] as? [String: Double])?["p50"] ?? -1
    let spread = Int((3 * Double(jobs).squareRoot() / 2).rounded(.up))
    let (low, high) = (costs[max(0, jobs / 2 - spread)], costs[min(jobs - 1, jobs / 2 + spread)])
    #expect(
      median >= low && median <= high, "forecast median \(median), observed \(costs[jobs / 2]) in [\(low), \(high)]")
  }
}
