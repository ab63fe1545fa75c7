import Foundation
import Testing

/// The ledger seal: `job.json` records what `ledger.jsonl` held at every save, so an agent (or anyone) that
/// shortens or edits the ledger halts the job (halt kind `ledger`) instead of freeing budget, the recorded
/// totals stand everywhere, and `job limits --accept-ledger` is the way out.
@Suite(.serialized) struct LedgerSealTests {
  /// A job `t` of three worker phases under `maxCostUSD 1.0` whose worker is a command agent that empties
  /// the ledger each run and reports `costUSD 0.4` (the worker of issue 13).
  func tamperingJob() throws -> Sandbox {
    let box = try Sandbox()
    let template = try box.budgetTemplate(
      name: "tpl", limits: ["maxCostUSD": 1.0], steps: [Sandbox.Step(), Sandbox.Step(), Sandbox.Step()])
    try box.script(
      "roles/agent.sh",
      """
      : > "$LOGIST_WORKSPACE/../ledger.jsonl"
      echo "$LOGIST_PHASE" > "$LOGIST_PHASE.txt"
      printf '%s' '{"action":"COMPLETED","summary":"done","usage":{"costUSD":0.4,"inputTokens":100,"outputTokens":10}}' \\
        > "$LOGIST_RESPONSE_FILE"
      """)
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"]}}"#)
    let create = try box.live(["job", "create", "t", "--from", template.path])
    #expect(create.status == 0, "\(create.stderr)")
    return box
  }

  /// A hello-world replay job `h` whose implement phase has run (its ledger holds run 0001's lines).
  func steppedJob() throws -> Sandbox {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    let step = try box.logist(["job", "step", "h"])
    #expect(step.status == 0, "\(step.stderr)")
    return box
  }

  func ledgerURL(_ box: Sandbox, _ id: String) -> URL { box.jobDirectory(id).appendingPathComponent("ledger.jsonl") }

  func statusJSON(_ box: Sandbox, _ id: String) throws -> [String: Any] {
    let result = try box.logist(["job", "status", id, "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    return try Sandbox.json(result.stdout) as? [String: Any] ?? [:]
  }

  /// The value of the `name` row of a `job status` table.
  func row(_ text: String, _ name: String) -> String {
    lines(text).first { $0.hasPrefix(name) }.map {
      String($0.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
    }
      ?? ""
  }

  func cost(_ usage: Any?) -> Double { ((usage as? [String: Any])?["costUSD"] as? NSNumber)?.doubleValue ?? -1 }

  @Test func aWorkerThatEmptiesTheLedgerIsHaltedAndTheRecordedTotalsStandEverywhere() throws {
    let box = try tamperingJob()
    let run = try box.live(["job", "run", "t"])
    #expect(run.status == 3, "halted, not succeeded: \(run.stdout)\(run.stderr)")
    let manifest = try box.manifest("t")
    #expect(manifest["status"] as? String == "halted")
    let halt = manifest["halt"] as? [String: Any] ?? [:]
    #expect(halt["kind"] as? String == "ledger")
    let reason = manifest["statusReason"] as? String ?? ""
    #expect(reason.contains("ledger.jsonl shrank from 2 lines"), "\(reason)")
    #expect(run.stdout.contains("--accept-ledger"), "the way out is named: \(run.stdout)")
    #expect(!box.runNames("t").contains("0003-a3"), "the third phase never starts")
    #expect(try box.history("t").last?["action"] as? String == "HALTED", "the tampering run does not count as done")

    let status = try box.logist(["job", "status", "t"])
    #expect(row(status.stdout, "usage:").hasPrefix("$0.8000, 220 tokens"), "\(status.stdout)")
    #expect(status.stdout.contains("maxCostUSD $0.8000 of $1.0000"), "\(status.stdout)")
    #expect(status.stdout.contains("TAMPERED"), "\(status.stdout)")
    #expect(status.stdout.contains("worker $0.8000"), "by role adds up to the total: \(status.stdout)")
    let json = try statusJSON(box, "t")
    let spend = json["spend"] as? [String: Any] ?? [:]
    #expect(abs(cost(json["usage"]) - 0.8) < 1e-9 && abs(cost(spend["usage"]) - 0.8) < 1e-9, "\(json)")
    #expect(spend["ledgerDamage"] != nil)
    #expect((json["halt"] as? [String: Any])?["kind"] as? String == "ledger")
    let metrics = try box.logist(["job", "metrics", "t"])
    #expect(metrics.stdout.contains("total: $0.8000"), "\(metrics.stdout)")

    let validate = try box.logist(["job", "validate", "t"])
    #expect(validate.status != 0)
    #expect((validate.stdout + validate.stderr).contains("tampered with"), "\(validate.stdout)\(validate.stderr)")
  }

  @Test func acceptingTheLedgerKeepsTheRecordedTotalsAndTheCostLimitThenStopsThePhase() throws {
    let box = try tamperingJob()
    #expect(try box.live(["job", "run", "t"]).status == 3)
    let accept = try box.live(["job", "limits", "t", "--accept-ledger"])
    #expect(accept.status == 3, "still halted, now by the cost limit: \(accept.stdout)\(accept.stderr)")
    #expect(accept.stdout.contains("ledger.jsonl accepted"), "\(accept.stdout)")
    #expect(accept.stdout.contains("$0.8000 used + "), "the cost limit stops phase a2 now: \(accept.stdout)")
    #expect((try box.manifest("t")["halt"] as? [String: Any])?["kind"] as? String == "cost")
    #expect(abs(try box.ledgerSum("t", "costUSD") - 0.8) < 1e-9, "corrections bring the file to the totals")
    #expect(try box.ledger("t").contains { $0["cost"] as? String == "correction" })
    #expect(try box.logist(["job", "validate", "t"]).status == 0)
    #expect(!(try box.logist(["job", "status", "t"]).stdout.contains("TAMPERED")))
    #expect(try box.events("t").contains { $0["kind"] as? String == "ledger.accepted" })

    let again = try box.live(["job", "limits", "t", "--accept-ledger"])
    #expect(again.status == 1 && again.stderr.contains("nothing to accept"), "\(again.stderr)")
  }

  @Test func aNumberChangedInPlaceIsDetectedAndAcceptingLetsTheJobFinish() throws {
    let box = try steppedJob()
    let url = ledgerURL(box, "h")
    let original = try String(contentsOf: url, encoding: .utf8)
    #expect(original.contains("\"costUSD\":0.0123"))
    try Data(original.replacingOccurrences(of: "\"costUSD\":0.0123", with: "\"costUSD\":0.0001").utf8).write(to: url)

    let status = try box.logist(["job", "status", "h"])
    #expect(
      row(status.stdout, "usage:").hasPrefix("$0.0123,"), "the recorded total, not the edited one: \(status.stdout)")
    #expect(status.stdout.contains("ledger.jsonl changed"), "\(status.stdout)")
    let run = try box.logist(["job", "run", "h"])
    #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
    #expect((try box.manifest("h")["halt"] as? [String: Any])?["kind"] as? String == "ledger")
    #expect(try box.history("h").count == 1, "the next phase was not started")

    let accept = try box.logist(["job", "limits", "h", "--accept-ledger"])
    #expect(accept.status == 0 && accept.stdout.contains("no longer halted"), "\(accept.stdout)\(accept.stderr)")
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    #expect(try box.manifest("h")["status"] as? String == "succeeded")
    let json = try statusJSON(box, "h")
    #expect(abs(cost(json["usage"]) - 0.0184) < 1e-9, "both runs, as recorded: \(json["usage"] ?? "")")
    #expect(abs(try box.ledgerSum("h", "costUSD") - 0.0184) < 1e-9)
    #expect(try box.logist(["job", "validate", "h"]).status == 0)
  }

  @Test func linesAppendedAfterTheSealAreNotTamperingAndAreSealedAtTheNextSave() throws {
    let box = try steppedJob()
    let url = ledgerURL(box, "h")
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    let extra = try #require(lines.first).replacingOccurrences(of: "\"costUSD\":0.0123", with: "\"costUSD\":0.0100")
    let handle = try FileHandle(forWritingTo: url)
    handle.seekToEndOfFile()
    handle.write(Data((extra + "\n").utf8))
    handle.closeFile()
    lines.append(extra)

    let status = try box.logist(["job", "status", "h"])
    #expect(!status.stdout.contains("TAMPERED"), "\(status.stdout)")
    #expect(row(status.stdout, "usage:").hasPrefix("$0.0223,"), "the appended line counts: \(status.stdout)")
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    let seal = try box.manifest("h")["ledger"] as? [String: Any] ?? [:]
    #expect(seal["lines"] as? Int == (try box.ledger("h").count), "sealed at the next save: \(seal)")
    #expect(abs(cost(seal["usage"]) - (try box.ledgerSum("h", "costUSD"))) < 1e-9)
  }

  @Test func aDeletedLedgerHaltsTheNextRun() throws {
    let box = try steppedJob()
    try FileManager.default.removeItem(at: ledgerURL(box, "h"))
    #expect(try box.logist(["job", "status", "h"]).stdout.contains("ledger.jsonl is gone"))
    let run = try box.logist(["job", "run", "h"])
    #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
    #expect((try box.manifest("h")["statusReason"] as? String)?.contains("ledger.jsonl is gone") == true)
  }

  @Test func aNegativeLineAppendedIsTampering() throws {
    let box = try steppedJob()
    let url = ledgerURL(box, "h")
    let first = try #require(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first)
    let negative = first.replacingOccurrences(of: "\"costUSD\":0.0123", with: "\"costUSD\":-5")
    let handle = try FileHandle(forWritingTo: url)
    handle.seekToEndOfFile()
    handle.write(Data((negative + "\n").utf8))
    handle.closeFile()
    let status = try box.logist(["job", "status", "h"])
    #expect(status.stdout.contains("has a negative costUSD"), "\(status.stdout)")
    #expect(row(status.stdout, "usage:").hasPrefix("$0.0123,"), "\(status.stdout)")
    #expect(try box.logist(["job", "run", "h"]).status == 3)
  }

  @Test func aManifestWithoutASealKeepsWorkingAndIsSealedAtItsNextSave() throws {
    let box = try steppedJob()
    let url = box.jobDirectory("h").appendingPathComponent("job.json")
    try Sandbox.editJSON(url) { value in
      guard var object = value as? [String: Any] else { return }
      object.removeValue(forKey: "ledger")
      value = object
    }
    #expect(try box.manifest("h")["ledger"] == nil)
    #expect(row(try box.logist(["job", "status", "h"]).stdout, "usage:").hasPrefix("$0.0123,"))
    #expect(try box.logist(["job", "validate", "h"]).status == 0)
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    let seal = try box.manifest("h")["ledger"] as? [String: Any] ?? [:]
    #expect(abs(cost(seal["usage"]) - 0.0184) < 1e-9, "\(seal)")
  }

  @Test func acceptingAnIntactLedgerIsRefusedAndChangesNothing() throws {
    let box = try steppedJob()
    let before = Sandbox.snapshot(box.jobDirectory("h"))
    let accept = try box.logist(["job", "limits", "h", "--accept-ledger"])
    #expect(accept.status == 1)
    #expect(accept.stderr.contains("ledger.jsonl matches what was recorded"), "\(accept.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("h")) == before)
    let mixed = try box.logist(["job", "limits", "h", "--accept-ledger", "--add-cost", "1"])
    #expect(mixed.status != 0 && mixed.stderr.contains("--accept-ledger"), "\(mixed.stderr)")
  }
}
