import Foundation
import Testing

/// A workspace deleted by hand, a killed run, edits that try to escape, two jobs at once, a remote source.
@Suite(.serialized) struct WorkspaceLifecycleTests {
  @Test func deletedCheckoutIsReportedThenRecreatedFromTheRecordedCommits() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    #expect(try box.logist(["job", "step", "h"]).status == 0)
    let head = try box.revision("h")
    try FileManager.default.removeItem(at: box.workspace("h"))
    #expect(try box.logist(["job", "status", "h"]).stdout.contains("missing: `job run --recreate-workspace`"))
    let before = Sandbox.snapshot(box.jobDirectory("h"))
    let refused = try box.logist(["job", "run", "h"])
    #expect(refused.status == 1 && lines(refused.stderr).count == 1)
    #expect(refused.stderr.contains("is missing (deleted by hand?)"), "\(refused.stderr)")
    #expect(refused.stderr.contains("job run h --recreate-workspace"), "\(refused.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("h")) == before)
    let run = try box.logist(["job", "run", "h", "--recreate-workspace"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("workspace re-created at \(head.prefix(12))"), "\(run.stdout)")
    #expect(try box.manifest("h")["status"] as? String == "succeeded")
    #expect(try GitWitness.git(["status", "--porcelain"], in: box.workspace("h")).isEmpty)
    #expect(
      try String(contentsOf: box.workspace("h").appendingPathComponent("hello.py"), encoding: .utf8).contains(
        "Hello, {name}!"))
  }

  @Test func deletedRepositoryCannotBeRecreatedAndSaysSo() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    try FileManager.default.removeItem(at: box.jobDirectory("h").appendingPathComponent("workspace.git"))
    let result = try box.logist(["job", "run", "h", "--recreate-workspace"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("commits cannot be restored"), "\(result.stderr)")
  }

  @Test func aKilledRunKeepsWhatItChangedAsACommit() throws {
    let box = try Sandbox()
    let template = try box.slowTemplate(delay: 5)
    #expect(try box.logist(["job", "create", "k", "--from", template.path]).status == 0)
    let runner = try box.start(["--jobs-dir", box.jobs.path, "job", "run", "k"])
    try waitFor("running") { (try? box.manifest("k")["status"] as? String) == "running" }
    // What the agent had written when it died (and a lock a dying writer can leave).
    try "half done\n".write(
      to: box.workspace("k").appendingPathComponent("partial.txt"), atomically: true, encoding: .utf8)
    FileManager.default.createFile(atPath: box.jobDirectory("k").path + "/workspace.git/index.lock", contents: nil)
    kill(runner.process.processIdentifier, SIGKILL)
    runner.process.waitUntilExit()
    #expect(try box.logist(["job", "status", "k"]).stdout.contains("interrupted"))
    let entry = try #require(try box.history("k").last)
    #expect(entry["action"] as? String == "INTERRUPTED")
    let commit = try #require(entry["commit"] as? String)
    #expect(try GitWitness.git(["show", commit + ":partial.txt"], in: box.workspace("k")) == "half done\n")
    #expect(try GitWitness.git(["log", "-1", "--format=%s", commit], in: box.workspace("k")).contains("(INTERRUPTED)"))
  }

  @Test func replayEditsCannotLeaveTheWorkspaceThroughALink() throws {
    let box = try Sandbox()
    let outside = box.root.appendingPathComponent("outside")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    let script = try box.responses("s.json", [("implement", "COMPLETED", [["path": "out/x.txt", "content": "x"]])])
    #expect(try box.logist(["job", "create", "e", "--goal", "g", "--responses", script.path]).status == 0)
    try FileManager.default.createSymbolicLink(
      atPath: box.workspace("e").path + "/out", withDestinationPath: outside.path)
    let step = try box.logist(["job", "step", "e"])
    #expect(step.status == 2, "\(step.stdout) \(step.stderr)")
    #expect(!FileManager.default.fileExists(atPath: outside.path + "/x.txt"))
    let entry = try #require(try box.history("e").last)
    #expect((entry["summary"] as? String)?.contains("goes through the symbolic link") == true, "\(entry)")
  }

  @Test func replayScriptsMayNotEditGitMetadata() throws {
    let box = try Sandbox()
    let script = try box.responses("s.json", [("implement", "COMPLETED", [["path": ".git", "content": "x"]])])
    let result = try box.logist(["job", "create", "e", "--goal", "g", "--responses", script.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("files[0].path: \".git\" is the workspace's git metadata"), "\(result.stderr)")
  }

  @Test func twoJobsOnTheSameSourceRunAtOnceWithoutInterfering() throws {
    let box = try Sandbox()
    let source = try box.gitSource()
    let before = try GitWitness.fingerprint(source)
    for (id, file) in [("a", "a.txt"), ("b", "b.txt")] {
      let script = try box.responses(
        "\(id).json", [("implement", "COMPLETED", [["path": file, "content": id]]), ("review", "APPROVED", [])])
      try Sandbox.editJSON(script) { json in
        guard var entries = json as? [[String: Any]] else { return }
        for index in entries.indices { entries[index]["delaySeconds"] = 0.5 }
        json = entries
      }
      let create = try box.logist([
        "job", "create", id, "--goal", "g", "--repo", source.path, "--responses", script.path,
      ])
      #expect(create.status == 0)
    }
    let runners = try ["a", "b"].map { try box.start(["--jobs-dir", box.jobs.path, "job", "run", $0]) }
    for runner in runners { runner.process.waitUntilExit() }
    for (runner, id) in zip(runners, ["a", "b"]) {
      #expect(runner.process.terminationStatus == 2, "\(runner.result().stderr)")
      let files = try GitWitness.git(["show", "--name-only", "--format=", "HEAD"], in: box.workspace(id))
      #expect(files == "\(id).txt\n")
    }
    #expect(try GitWitness.fingerprint(source) == before)
  }

  @Test func aRemoteSourceIsFetchedOverTheGitProtocol() throws {
    let box = try Sandbox()
    let source = try box.gitSource()
    FileManager.default.createFile(atPath: source.path + "/.git/git-daemon-export-ok", contents: nil)
    let port = 20_000 + Int.random(in: 0..<20_000)
    let daemon = Process()
    daemon.executableURL = URL(fileURLWithPath: "/usr/lib/git-core/git-daemon")
    daemon.arguments = [
      "--listen=127.0.0.1", "--port=\(port)", "--base-path=\(box.root.path)", "--reuseaddr", box.root.path,
    ]
    daemon.standardError = FileHandle.nullDevice
    try daemon.run()
    // SIGKILL: a child started from a test thread may have SIGTERM blocked (see docs/platform notes).
    defer {
      kill(daemon.processIdentifier, SIGKILL)
      daemon.waitUntilExit()
    }
    let url = "git://127.0.0.1:\(port)/source"
    var created = CLIResult(status: -1, stdout: "", stderr: "")
    try waitFor("git daemon") {
      created = (try? box.logist(["job", "create", "r", "--goal", "g", "--repo", url, "--ref", "dev"])) ?? created
      return created.status == 0
    }
    let dev = try GitWitness.git(["rev-parse", "dev"], in: source)
    #expect(try box.revision("r") + "\n" == dev)
    #expect((try box.manifest("r")["source"] as? [String: Any])?["location"] as? String == url)
  }
}
