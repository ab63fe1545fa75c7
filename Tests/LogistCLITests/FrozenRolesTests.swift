import Foundation
import Testing

/// Roles are resolved once, at `job create`, and frozen into the job: the current directory is never a
/// source of roles, later flags and directories change nothing, a changed role program is noticed,
/// and commands that run no phase never load roles.
@Suite(.serialized) struct FrozenRolesTests {
  /// A worker role (in `<root>/<dir>/worker.json`) whose command writes `marker` into the sandbox root.
  func markerRole(_ box: Sandbox, in dir: String, marker: String) throws {
    try box.script("\(dir)/worker.sh", "cat > /dev/null\ntouch \(box.root.path)/\(marker)\nexit 0")
    try box.write(#"{"provider": {"kind": "command", "command": ["./worker.sh"]}}"#, to: "\(dir)/worker.json")
  }

  @Test func aRepositorysOwnRolesDirectoryNeverRuns() throws {
    let box = try Sandbox()
    let repo = box.root.appendingPathComponent("repo")
    try markerRole(box, in: "repo/Roles", marker: "PWNED")
    try box.write("print('hi')\n", to: "repo/app.py")
    try GitWitness.git(["init", "-q"], in: repo)
    try GitWitness.git(["add", "-A"], in: repo)
    try GitWitness.git(["commit", "-qm", "init"], in: repo)
    let create = try box.run(
      ["--jobs-dir", box.jobs.path, "job", "create", "j", "--goal", "Fix it.", "--repo", "."], in: repo)
    #expect(create.status == 0, "\(create.stderr)")
    let run = try box.run(["--jobs-dir", box.jobs.path, "job", "run", "j"], in: repo)
    expectNoCrash(run)
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("PWNED").path))
    let roles = try box.logist(["job", "roles", "j", "--json"])
    let object = try #require(try Sandbox.json(roles.stdout) as? [String: Any])
    let worker = (object["roles"] as? [String: Any])?["worker"] as? [String: Any]
    let sources = worker?["sources"] as? [String: String] ?? [:]
    #expect(sources["provider.kind"] == "built-in", "\(roles.stdout)")
    #expect(!sources.values.contains { $0.contains("/repo/Roles/") })
  }

  @Test func aJobCreatedWithARolesDirectoryRunsTheSameWithoutIt() throws {
    let box = try Sandbox()
    try markerRole(box, in: "mine", marker: "RAN")
    let template = try box.copyTemplate("hello-world", as: "tpl")
    try FileManager.default.removeItem(at: template.appendingPathComponent("responses.json"))
    let create = try box.logist(["--roles-dir", "mine", "job", "create", "j", "--from", template.path])
    #expect(create.status == 0, "\(create.stderr)")
    let elsewhere = box.root.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let step = try box.run(["--jobs-dir", box.jobs.path, "job", "step", "j"], in: elsewhere)
    #expect(FileManager.default.fileExists(atPath: box.root.appendingPathComponent("RAN").path), "\(step.stderr)")
    #expect(try box.history("j").first?["provider"] as? String == "command")
  }

  @Test func templatesWithTheirOwnRolesRunWithoutFlags() throws {
    let box = try Sandbox()
    try box.create("s", from: "shell-agent")
    let run = try box.logist(["job", "run", "s"])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(try box.manifest("s")["status"] as? String == "succeeded")
    let roles = try box.logist(["job", "roles", "s"])
    #expect(roles.stdout.contains("Jobs/shell-agent/roles/worker.json + built-in"), "\(roles.stdout)")
    #expect(roles.stdout.contains("pinned programs:"))
  }

  @Test func aChangedRoleProgramIsNoticedNotRunUntilAccepted() throws {
    let box = try Sandbox()
    let template = try box.copyTemplate("shell-agent", as: "tpl")
    try box.create("s", fromDirectory: template)
    let script = template.appendingPathComponent("roles/worker.sh")
    var text = try String(contentsOf: script, encoding: .utf8)
    text = text.replacingOccurrences(of: "set -eu\n", with: "set -eu\ntouch \(box.root.path)/CHANGED\n")
    try text.write(to: script, atomically: false, encoding: .utf8)
    let before = Sandbox.snapshot(box.jobDirectory("s"))
    let run = try box.logist(["job", "run", "s"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(script.path), which changed since the job froze its roles"), "\(run.stderr)")
    #expect(run.stderr.contains("logist job roles s --refresh"))
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("CHANGED").path))
    #expect(Sandbox.snapshot(box.jobDirectory("s")) == before, "a refused run changes nothing")
    let refresh = try box.logist(["job", "roles", "s", "--refresh"])
    #expect(refresh.status == 0, "\(refresh.stderr)")
    #expect(refresh.stdout.contains("worker: \(script.path) sha256 "), "\(refresh.stdout)")
    #expect(try box.events("s").contains { $0["kind"] as? String == "roles.refreshed" })
    #expect(try box.logist(["job", "run", "s"]).status == 0)
    #expect(FileManager.default.fileExists(atPath: box.root.appendingPathComponent("CHANGED").path))
  }

  @Test func commandsThatRunNoPhaseIgnoreBrokenRoleDirectories() throws {
    let box = try Sandbox()
    try box.create("h", from: "needs-approval")
    #expect(try box.logist(["job", "run", "h"]).status == 2)
    try box.write(#"{"colour": "red"}"#, to: "Roles/worker.json")
    try box.write(#"{"colour": "red"}"#, to: "broken/worker.json")
    for args in [["job", "status", "h"], ["job", "history", "h"], ["job", "list"], ["job", "approve", "h"]] {
      let result = try box.logist(["--roles-dir", "broken"] + args)
      #expect(result.status == 0, "\(args): \(result.stderr)")
    }
  }

  @Test func validateChecksATemplateAgainstItsOwnRolesAndAJobAgainstItsFrozenOnes() throws {
    let box = try Sandbox()
    let template = try box.copyTemplate("hello-world", as: "tpl")
    try box.write(
      #"{"description": "A strict reviewer.", "provider": {"kind": "replay"}, "model": "m", "instructions": "Criticise {{id}}."}"#,
      to: "tpl/roles/critic.json")
    try Sandbox.setRole("critic", ofPhase: 1, in: template)
    let checked = try box.logist(["job", "validate", template.path])
    #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    try box.create("c", fromDirectory: template)
    try box.write(#"{"colour": "red"}"#, to: "broken/worker.json")
    let job = try box.logist(["--roles-dir", "broken", "job", "validate", "c"])
    #expect(job.status == 0, "the job's frozen roles, not the directories now: \(job.stdout)\(job.stderr)")
  }

  @Test func aJobMadeBeforeRolesWereFrozenFreezesThemAtItsNextRun() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    try FileManager.default.removeItem(at: box.jobDirectory("h").appendingPathComponent("roles.json"))
    let roles = try box.logist(["job", "roles", "h"])
    #expect(roles.status == 0, "\(roles.stderr)")
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("h").appendingPathComponent("roles.json").path))
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    #expect(FileManager.default.fileExists(atPath: box.jobDirectory("h").appendingPathComponent("roles.json").path))
    #expect(try box.events("h").contains { $0["kind"] as? String == "roles.frozen" })
  }

  @Test func aDryRunStartsNoAgentAndMarksWhatItSimulated() throws {
    let box = try Sandbox()
    try markerRole(box, in: "mine", marker: "STARTED")
    let template = try box.copyTemplate("hello-world", as: "tpl")
    let create = try box.logist(["--roles-dir", "mine", "job", "create", "j", "--from", template.path])
    #expect(create.status == 0, "\(create.stderr)")
    let dry = try box.logist(["job", "run", "j", "--dry-run"])
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("STARTED").path))
    #expect(dry.stdout.contains("COMPLETED*"), "\(dry.stdout)")
    #expect(dry.stdout.contains("role worker: no past run"), "\(dry.stdout)")
    #expect(dry.stdout.contains("APPROVED "), "the replayed review still replays: \(dry.stdout)")
    #expect(try box.history("j").isEmpty)
    // After a real run, the simulation takes its numbers from the ledger.
    try box.script(
      "mine/worker.sh",
      "cat > /dev/null\necho '{\"action\":\"COMPLETED\",\"summary\":\"ok\",\"usage\":{\"costUSD\":0.25}}' > \"$LOGIST_RESPONSE_FILE\""
    )
    #expect(try box.logist(["--roles-dir", "mine", "job", "roles", "j", "--refresh"]).status == 0)
    #expect(try box.logist(["job", "step", "j"]).status == 0)
    #expect(try box.logist(["job", "rerun", "j"]).status == 0)
    let again = try box.logist(["job", "run", "j", "--dry-run"])
    #expect(again.stdout.contains("role worker: the mean of its 1 past run in this job"), "\(again.stdout)")
    #expect(again.stdout.contains("$0.2500"), "\(again.stdout)")
  }
}
