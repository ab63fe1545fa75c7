import Foundation
import Testing

/// Workspaces made from a git repository: the source is never touched, one commit per changing run.
@Suite(.serialized) struct WorkspaceSourceTests {
  /// A two-phase job on a git source: implement writes and deletes files, review changes nothing.
  static func runJob(_ box: Sandbox, source: URL, ref: String? = "dev") throws -> CLIResult {
    let script = try box.responses(
      "script.json",
      [
        (
          "implement", "COMPLETED",
          [["path": "src/new.txt", "content": "new\n"], ["path": "file1.txt", "delete": true]]
        ),
        ("review", "APPROVED", []),
      ])
    var args = ["job", "create", "j", "--goal", "change the files", "--repo", source.path, "--responses", script.path]
    if let ref { args += ["--ref", ref] }
    let created = try box.logist(args)
    #expect(created.status == 0, "\(created.stderr)")
    return try box.logist(["job", "step", "j"])
  }

  @Test func sourceRepositoryIsIdenticalAfterAFullJob() throws {
    let box = try Sandbox()
    let source = try box.gitSource()
    // A user's repository in the middle of work: an edit, an untracked file, another branch checked out.
    try "edited\n".write(to: source.appendingPathComponent("file2.txt"), atomically: true, encoding: .utf8)
    try "scratch\n".write(to: source.appendingPathComponent("untracked.txt"), atomically: true, encoding: .utf8)
    let before = try GitWitness.fingerprint(source)
    #expect(try Self.runJob(box, source: source).status == 0)
    #expect(try box.logist(["job", "step", "j"]).status == 2, "review approved: waits for the person's approval")
    #expect(try box.logist(["job", "approve", "j"]).status == 0)
    #expect((try box.manifest("j")["status"] as? String) == "succeeded")
    #expect(try GitWitness.fingerprint(source) == before)
    try GitWitness.git(["fsck", "--strict"], in: source)
  }

  @Test func workspaceStartsAtTheRefOnTheJobBranchWithNoWayBack() throws {
    let box = try Sandbox()
    let source = try box.gitSource()
    #expect(try Self.runJob(box, source: source).status == 0)
    let dev = try GitWitness.git(["rev-parse", "dev"], in: source).trimmingCharacters(in: .newlines)
    let recorded = try box.manifest("j")["source"] as? [String: Any]
    #expect(recorded?["baseCommit"] as? String == dev)
    #expect(recorded?["kind"] as? String == "git")
    #expect(recorded?["ref"] as? String == "dev")
    #expect(recorded?["location"] as? String == source.path)
    #expect(try box.revision("j", "HEAD~1") == dev)
    #expect(try GitWitness.git(["branch", "--format=%(refname)"], in: box.workspace("j")) == "refs/heads/logist/j\n")
    #expect(try GitWitness.git(["remote"], in: box.workspace("j")).isEmpty, "an agent's push must have nowhere to go")
    #expect(try GitWitness.git(["rev-parse", "--git-dir"], in: box.workspace("j")).hasSuffix("workspace.git\n"))
  }

  @Test func eachChangingRunIsOneCommitAndAnUnchangedRunRecordsTheSameCommit() throws {
    let box = try Sandbox()
    let source = try box.gitSource()
    #expect(try Self.runJob(box, source: source).status == 0)
    #expect(try box.logist(["job", "step", "j"]).status == 2)
    let workspace = box.workspace("j")
    let subjects = try GitWitness.git(["log", "--format=%an <%ae>|%s", "-1"], in: workspace)
    #expect(subjects == "logist <logist@localhost>|logist j: implement attempt 1 (COMPLETED)\n")
    let commits = try box.historyCommits("j")
    #expect(commits.count == 2)
    #expect(commits[0] == (try box.revision("j")))
    #expect(commits[1] == commits[0], "review changed nothing, so it records the same commit")
    let stat = try GitWitness.git(["show", "--name-status", "--format=", "HEAD"], in: workspace)
    #expect(stat == "D\tfile1.txt\nA\tsrc/new.txt\n")
    #expect(try GitWitness.git(["status", "--porcelain"], in: workspace).isEmpty)
    try GitWitness.git(["fsck", "--strict"], in: workspace)
  }

  @Test func defaultRefIsTheSourceHeadAndATagOrCommitIdWorks() throws {
    let box = try Sandbox()
    let source = try box.gitSource()
    let main = try GitWitness.git(["rev-parse", "main"], in: source).trimmingCharacters(in: .newlines)
    let v1 = try GitWitness.git(["rev-parse", "v1"], in: source).trimmingCharacters(in: .newlines)
    #expect(try box.logist(["job", "create", "a", "--goal", "x", "--repo", source.path]).status == 0)
    #expect(try box.revision("a") == main)
    #expect(try box.logist(["job", "create", "b", "--goal", "x", "--repo", source.path, "--ref", "v1"]).status == 0)
    #expect(try box.revision("b") == v1)
    let url = "file://" + source.path
    #expect(try box.logist(["job", "create", "c", "--goal", "x", "--repo", url, "--ref", v1]).status == 0)
    #expect(try box.revision("c") == v1)
    #expect((try box.manifest("c")["source"] as? [String: Any])?["location"] as? String == url)
  }

  @Test func plainDirectoryIsImportedAsOneCommitKeepingModesAndLinks() throws {
    let box = try Sandbox()
    let plain = try box.write("#!/bin/sh\necho hi\n", to: "plain/bin/run.sh").deletingLastPathComponent()
      .deletingLastPathComponent()
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plain.path + "/bin/run.sh")
    try FileManager.default.createSymbolicLink(atPath: plain.path + "/link", withDestinationPath: "bin/run.sh")
    try box.write("*.log\n", to: "plain/.gitignore")
    try box.write("noise\n", to: "plain/debug.log")
    #expect(try box.logist(["job", "create", "p", "--goal", "x", "--repo", "plain"]).status == 0)
    let tree = try GitWitness.git(["ls-tree", "-r", "--format=%(objectmode) %(path)", "HEAD"], in: box.workspace("p"))
    #expect(tree == "100644 .gitignore\n100755 bin/run.sh\n120000 link\n")
    #expect((try box.manifest("p")["source"] as? [String: Any])?["kind"] as? String == "directory")
    #expect(!FileManager.default.fileExists(atPath: plain.path + "/.git"), "the source directory stays plain")
  }

  @Test func aTemplateSourceIsRelativeToTheTemplateAndRepoOverridesIt() throws {
    let box = try Sandbox()
    let source = try box.gitSource("code")
    let template = try box.copyTemplate("hello-world", as: "tpl")
    try Sandbox.editJSON(template.appendingPathComponent("job.json")) { json in
      guard var object = json as? [String: Any] else { return }
      object["source"] = ["location": "../code", "ref": "v1"]
      json = object
    }
    #expect(try box.logist(["job", "create", "t", "--from", template.path]).status == 0)
    let v1 = try GitWitness.git(["rev-parse", "v1"], in: source).trimmingCharacters(in: .newlines)
    #expect(try box.revision("t") == v1, "the template's source wins over its seed/")
    let plain = try box.write("x\n", to: "plain/x.txt").deletingLastPathComponent()
    #expect(try box.logist(["job", "create", "u", "--from", template.path, "--repo", plain.path]).status == 0)
    #expect(try GitWitness.git(["ls-files"], in: box.workspace("u")) == "x.txt\n")
  }
}
