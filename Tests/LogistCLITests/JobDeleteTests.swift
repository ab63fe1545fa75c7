import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `job delete`: a job, its lock and its index rows go; a running job is refused; an interrupted one
/// or a damaged directory needs --force; what its runs left alive is stopped first.
@Suite(.serialized) struct JobDeleteTests {
  @Test func deleteRemovesTheDirectoryTheLockAndTheIndexRowsAndSaysSoInTheEvents() throws {
    let box = try Sandbox()
    try box.create("gone", from: "hello-world")
    try box.create("kept", from: "hello-world")
    #expect(try box.logist(["job", "run", "gone"]).status == 0)
    #expect(try box.logist(["job", "list"]).stdout.contains("gone"))
    let delete = try box.logist(["job", "delete", "gone"])
    #expect(delete.status == 0, "\(delete.stderr)")
    #expect(delete.stdout == "deleted job gone (succeeded)\n")
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("gone").path))
    #expect(!FileManager.default.fileExists(atPath: box.jobs.appendingPathComponent(".locks/gone.lock").path))
    let rows = try Sandbox.json(try box.logist(["job", "list", "--json"]).stdout) as? [[String: Any]] ?? []
    #expect(rows.compactMap { $0["id"] as? String } == ["kept"])
    let count = try sqlite(box.jobs.appendingPathComponent("logist.db"), "SELECT count(*) FROM jobs WHERE id = 'gone'")
    #expect(count == "0")
    let events = try box.logist(["events", "--kind", "job.deleted"])
    #expect(events.stdout.contains("gone") && events.stdout.contains("job.deleted"), "\(events.stdout)")
    #expect(try box.logist(["job", "status", "gone"]).status == 1)
  }

  @Test func aRunningJobIsRefusedNamingItsRunner() throws {
    let box = try Sandbox()
    try box.script("roles/agent.sh", "cat > /dev/null\nwhile :; do sleep 0.1; done")
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"], "graceSeconds": 1}}"#)
    try box.createLive("j")
    let running = try box.start(
      ["--jobs-dir", box.jobs.path, "job", "run", "j"], environment: box.agentEnvironment())
    defer {
      kill(running.process.processIdentifier, SIGTERM)
      running.process.waitUntilExit()
    }
    try waitFor("the run to start") { (try? box.manifest("j")["status"] as? String) == "running" }
    let delete = try box.logist(["job", "delete", "j", "--force"])
    #expect(delete.status == 1)
    #expect(delete.stderr.contains("is locked by pid \(running.process.processIdentifier)"), "\(delete.stderr)")
    #expect(delete.stderr.contains("logist job cancel j"))
    #expect(FileManager.default.fileExists(atPath: box.jobDirectory("j").appendingPathComponent("job.json").path))
  }

  @Test func anInterruptedJobNeedsForceAndWhatItsRunLeftIsStoppedFirst() throws {
    let box = try Sandbox()
    try box.script(
      "roles/agent.sh",
      "cat > /dev/null\nsetsid sh -c 'echo $$ > \(box.root.path)/helper.pid; exec sleep 300' &\nwhile :; do sleep 0.1; done"
    )
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"]}}"#)
    try box.createLive("j")
    let running = try box.start(["--jobs-dir", box.jobs.path, "job", "run", "j"], environment: box.agentEnvironment())
    let pidFile = box.root.appendingPathComponent("helper.pid")
    try waitFor("the helper") { ((try? String(contentsOf: pidFile, encoding: .utf8)) ?? "").hasSuffix("\n") }
    kill(running.process.processIdentifier, SIGKILL)
    running.process.waitUntilExit()
    let helper = try #require(
      Int32((try String(contentsOf: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
    let refused = try box.logist(["job", "delete", "j"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("can still be resumed") && refused.stderr.contains("--force"), "\(refused.stderr)")
    #expect(FileManager.default.fileExists(atPath: box.jobDirectory("j").path))
    let forced = try box.logist(["job", "delete", "j", "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(forced.stdout.contains("stopped what its runs left running: "), "\(forced.stdout)")
    #expect(forced.stdout.contains("\(helper) ("), "\(forced.stdout)")
    #expect(!isAlive(helper))
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("j").path))
  }

  @Test func statusAndCreateAgreeAboutADirectoryWithoutJobJSON() throws {
    let box = try Sandbox()
    try FileManager.default.createDirectory(at: box.jobDirectory("half"), withIntermediateDirectories: true)
    let status = try box.logist(["job", "status", "half"])
    let create = try box.logist(["job", "create", "half", "--from", Sandbox.template("hello-world").path])
    for result in [status, create] {
      #expect(result.status == 1)
      #expect(result.stderr.contains("exists but has no job.json"), "\(result.stderr)")
      #expect(result.stderr.contains("logist job delete half --force"))
    }
    #expect(try box.logist(["job", "delete", "half"]).status == 1)
    #expect(try box.logist(["job", "delete", "half", "--force"]).status == 0)
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("half").path))
  }

  /// The `sqlite3` CLI's answer to `query` on `database`, as an independent witness.
  func sqlite(_ database: URL, _ query: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [database.path, query]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
