import Foundation
import Testing

/// `job restep` / `job rerun` bring the workspace back with the state, and never lose an edit silently.
@Suite(.serialized) struct WorkspaceRewindTests {
  /// review-loop run to the end: implement (greet.py), review rejects, implement (+ test_greet.py), approve.
  static func finishedReviewLoop(_ box: Sandbox) throws {
    try box.create("loop", from: "review-loop")
    #expect(try box.logist(["job", "run", "loop"]).status == 0)
  }

  static func tree(_ box: Sandbox, _ rev: String) throws -> String {
    try box.revision("loop", rev + "^{tree}")
  }

  @Test func restepRestoresTheExactTreeOfTheCheckpoint() throws {
    let box = try Sandbox()
    try Self.finishedReviewLoop(box)
    let commits = try box.historyCommits("loop")
    #expect(commits.count == 4)
    let firstImplement = try #require(commits[0])
    #expect(commits[2] != firstImplement, "the second implement changed files")
    let result = try box.logist(["job", "restep", "loop", "3"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("workspace: back at \(firstImplement.prefix(12))"), "\(result.stdout)")
    #expect(try box.revision("loop") == firstImplement)
    #expect(try GitWitness.git(["status", "--porcelain", "--untracked-files=all"], in: box.workspace("loop")).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: box.workspace("loop").path + "/test_greet.py"))
    // The abandoned commit stays reachable.
    let rewound = try GitWitness.git(
      ["for-each-ref", "--format=%(objectname)", "refs/logist/rewound/"], in: box.workspace("loop"))
    #expect(rewound == (commits[2] ?? "") + "\n")
    // Running again from there ends where the first run ended, with the same tree.
    #expect(try box.logist(["job", "run", "loop"]).status == 0)
    #expect(try Self.tree(box, "HEAD") == (try Self.tree(box, commits[2] ?? "")))
    try GitWitness.git(["fsck", "--strict"], in: box.workspace("loop"))
  }

  @Test func rerunGoesBackToTheBaseCommit() throws {
    let box = try Sandbox()
    try Self.finishedReviewLoop(box)
    let base = try #require((try box.manifest("loop")["source"] as? [String: Any])?["baseCommit"] as? String)
    #expect(try box.logist(["job", "rerun", "loop"]).status == 0)
    #expect(try box.revision("loop") == base)
    #expect(!FileManager.default.fileExists(atPath: box.workspace("loop").path + "/test_greet.py"))
    let seed = Sandbox.template("review-loop").appendingPathComponent("seed/greet.py")
    #expect(try Data(contentsOf: box.workspace("loop").appendingPathComponent("greet.py")) == Data(contentsOf: seed))
  }

  @Test func uncommittedEditsStopTheRewindAndChangeNothing() throws {
    let box = try Sandbox()
    try Self.finishedReviewLoop(box)
    try "# my own edit\n".write(
      to: box.workspace("loop").appendingPathComponent("greet.py"), atomically: true, encoding: .utf8)
    try "notes\n".write(
      to: box.workspace("loop").appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let before = Sandbox.snapshot(box.jobDirectory("loop"))
    let result = try box.logist(["job", "rerun", "loop"])
    #expect(result.status == 1)
    #expect(lines(result.stderr).count == 1)
    #expect(result.stderr.contains("changes no phase committed (M greet.py, A notes.txt)"), "\(result.stderr)")
    #expect(result.stderr.contains("`logist job rerun loop --force`"), "\(result.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("loop")) == before)
  }

  @Test func forceSavesTheEditsOnABackupRefFirst() throws {
    let box = try Sandbox()
    try Self.finishedReviewLoop(box)
    let workspace = box.workspace("loop")
    try "# my own edit\n".write(to: workspace.appendingPathComponent("greet.py"), atomically: true, encoding: .utf8)
    try "notes\n".write(to: workspace.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let head = try box.revision("loop")
    let result = try box.logist(["job", "restep", "loop", "2", "--force"])
    #expect(result.status == 0, "\(result.stderr)")
    let refs = try GitWitness.git(["for-each-ref", "--format=%(refname)", "refs/logist/backup/"], in: workspace)
    let backup = try #require(lines(refs).first)
    #expect(backup.hasPrefix("refs/logist/backup/loop/"))
    #expect(
      result.stdout.contains("saved uncommitted changes as") && result.stdout.contains(backup), "\(result.stdout)")
    #expect(try GitWitness.git(["show", backup + ":greet.py"], in: workspace) == "# my own edit\n")
    #expect(try GitWitness.git(["show", backup + ":notes.txt"], in: workspace) == "notes\n")
    #expect(try GitWitness.git(["rev-parse", backup + "^"], in: workspace) == head + "\n")
    #expect(!FileManager.default.fileExists(atPath: workspace.path + "/notes.txt"))
    #expect(try GitWitness.git(["status", "--porcelain"], in: workspace).isEmpty)
  }

  @Test func ignoredFilesSurviveARewind() throws {
    let box = try Sandbox()
    try Self.finishedReviewLoop(box)
    let workspace = box.workspace("loop")
    try "*.pyc\n".write(to: workspace.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
    try GitWitness.git(["add", ".gitignore"], in: workspace)
    try GitWitness.git(["commit", "-q", "-m", "ignore pyc"], in: workspace)
    try "cache".write(to: workspace.appendingPathComponent("greet.pyc"), atomically: true, encoding: .utf8)
    #expect(try box.logist(["job", "restep", "loop", "3"]).status == 0)
    #expect(FileManager.default.fileExists(atPath: workspace.path + "/greet.pyc"))
  }
}
