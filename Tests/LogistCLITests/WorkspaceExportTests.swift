import Foundation
import Testing

/// `job export`, witnessed by `git` in the source repository.
@Suite(.serialized) struct WorkspaceExportTests {
  /// The fingerprint without the line of `refs/heads/logist/<id>`.
  private func fingerprint(_ source: URL, without id: String) throws -> String {
    lines(try GitWitness.fingerprint(source)).filter { !$0.hasPrefix("refs/heads/logist/\(id) ") }
      .joined(separator: "\n")
  }

  private func head(_ dir: URL, _ revision: String = "HEAD") throws -> String {
    trimmed(try GitWitness.git(["rev-parse", revision], in: dir))
  }

  @Test func exportWritesOnlyTheJobBranchIntoTheSource() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    let workspace = try box.makeGitJob("x", source: source.path)
    let before = try GitWitness.fingerprint(source)
    let job = Sandbox.snapshot(box.jobDirectory("x"))

    let export = try box.logist(["job", "export", "x"])
    #expect(export.status == 0, "\(export.stderr)")
    let tip = try head(workspace)
    #expect(export.stdout == "exported logist/x (\(tip.prefix(12))) to \(source.path)\n")
    #expect(try head(source, "refs/heads/logist/x") == tip)
    #expect(try fingerprint(source, without: "x") == lines(before).joined(separator: "\n"))
    #expect(try GitWitness.git(["for-each-ref", "--format=%(refname)"], in: source).contains("refs/heads/logist/x"))
    #expect(!FileManager.default.fileExists(atPath: source.appendingPathComponent(".git/FETCH_HEAD").path))
    try GitWitness.git(["fsck", "--strict", "--no-dangling"], in: source)
    #expect(
      try GitWitness.git(["log", "--format=%s", "main..logist/x"], in: source)
        == "logist x: review attempt 1 (APPROVED)\nlogist x: implement attempt 1 (COMPLETED)\n")
    #expect(Sandbox.snapshot(box.jobDirectory("x")) == job, "export changed the job")
  }

  @Test func existingBranchIsRefusedUnlessForced() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    let workspace = try box.makeGitJob("x", source: source.path)
    #expect(try box.logist(["job", "export", "x"]).status == 0)
    let exported = try GitWitness.fingerprint(source)
    let others = try fingerprint(source, without: "x")
    let old = try head(workspace)

    let again = try box.logist(["job", "export", "x"])
    #expect(again.status == 1)
    #expect(lines(again.stderr).count == 1, "\(again.stderr)")
    #expect(again.stderr.contains("refs/heads/logist/x at \(old.prefix(12))"), "\(again.stderr)")
    #expect(again.stderr.contains("--force"), "\(again.stderr)")
    #expect(try GitWitness.fingerprint(source) == exported)

    // A person's commit on the job branch, then a forced export moves the source's branch to it.
    try Data("more\n".utf8).write(to: workspace.appendingPathComponent("more.txt"))
    try GitWitness.git(["add", "-A"], in: workspace)
    try GitWitness.git(["commit", "-q", "-m", "by hand"], in: workspace)
    let forced = try box.logist(["job", "export", "x", "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    let tip = try head(workspace)
    #expect(forced.stdout.contains("(\(tip.prefix(12)))") && forced.stdout.contains("replacing \(old.prefix(12))"))
    #expect(try head(source, "refs/heads/logist/x") == tip)
    #expect(try fingerprint(source, without: "x") == others)
    try GitWitness.git(["fsck", "--strict", "--no-dangling"], in: source)
  }

  @Test func checkedOutBranchIsRefusedEvenWithForce() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    try box.makeGitJob("x", source: source.path)
    #expect(try box.logist(["job", "export", "x"]).status == 0)
    try GitWitness.git(["checkout", "-q", "logist/x"], in: source)
    let before = try GitWitness.fingerprint(source)
    let refused = try box.logist(["job", "export", "x", "--force"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("checked out"), "\(refused.stderr)")
    #expect(try GitWitness.fingerprint(source) == before)
  }

  @Test func fileURLSourceIsExported() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    let workspace = try box.makeGitJob("f", source: "file://\(source.path)")
    let export = try box.logist(["job", "export", "f"])
    #expect(export.status == 0, "\(export.stderr)")
    #expect(export.stdout.hasSuffix(" to file://\(source.path)\n"), "\(export.stdout)")
    #expect(try head(source, "refs/heads/logist/f") == (try head(workspace)))
  }

  @Test func nonGitAndRemoteSourcesAreRefusedWithAPointerToPatch() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    let directory = try box.logist(["job", "export", "h"])
    #expect(directory.status == 1)
    #expect(lines(directory.stderr).count == 1)
    #expect(directory.stderr.contains("plain directory") && directory.stderr.contains("job patch h"))

    let source = try box.gitSource("src")
    try box.makeGitJob("r", source: source.path)
    try Sandbox.editJSON(box.jobDirectory("r").appendingPathComponent("job.json")) { value in
      var object = value as? [String: Any] ?? [:]
      var recorded = object["source"] as? [String: Any] ?? [:]
      recorded["location"] = "https://example.invalid/team/repo.git"
      object["source"] = recorded
      value = object
    }
    let remote = try box.logist(["job", "export", "r"])
    #expect(remote.status == 1)
    #expect(remote.stderr.contains("remote repository") && remote.stderr.contains("job patch r"), "\(remote.stderr)")
  }
}
