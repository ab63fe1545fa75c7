import Foundation
import Testing

/// `job diff` and `job patch`, witnessed by `git apply` and `git am` on fresh clones of the source.
@Suite(.serialized) struct WorkspacePatchTests {
  @Test func diffAppliedOntoTheBaseGivesTheWorkspaceWithEveryKindOfChange() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    let workspace = try box.makeGitJob("d", source: source.path)
    // By hand, after the phase commits: an uncommitted edit, a new untracked file, a deleted committed
    // file, a new binary file, and an ignored file that must stay out of the diff.
    try Data("line 1\nedited by hand\n".utf8).write(to: workspace.appendingPathComponent("moved.txt"))
    try Data("untracked\n".utf8).write(to: workspace.appendingPathComponent("notes/new.txt"))
    try FileManager.default.removeItem(at: workspace.appendingPathComponent("notes/todo.md"))
    try (Sandbox.binaryBytes + Data([7, 0, 7])).write(to: workspace.appendingPathComponent("hand.bin"))
    try Data("*.log\n".utf8).write(to: workspace.appendingPathComponent(".gitignore"))
    try Data("noise\n".utf8).write(to: workspace.appendingPathComponent("debug.log"))
    let before = Sandbox.snapshot(box.jobDirectory("d"))

    let diff = try box.logistRaw(["job", "diff", "d"])
    #expect(diff.status == 0, "\(diff.stderr)")
    #expect(diff.stderr.isEmpty)
    #expect(Sandbox.snapshot(box.jobDirectory("d")) == before, "job diff changed the job")
    let text = String(decoding: diff.stdout, as: UTF8.self)
    #expect(text.contains("GIT binary patch"), "binary files must be git binary patches")
    #expect(!text.contains("debug.log"), "ignored files stay out")

    let clone = try box.cloneAt(try box.baseCommit("d"), of: source, as: "clone")
    let patch = box.root.appendingPathComponent("d.diff")
    try diff.stdout.write(to: patch)
    try GitWitness.git(["apply", patch.path], in: clone)
    var expected = Sandbox.files(workspace)
    expected["/debug.log"] = nil
    #expect(Sandbox.files(clone) == expected)
  }

  @Test func diffOfTextChangesIsByteForByteWhatGitDiffPrints() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    let script = try box.write(
      #"[{"phase": "implement", "response": {"action": "COMPLETED", "summary": "s"}, "#
        + #""files": [{"path": "file1.txt", "content": "line 1\nline 1b\n"}, {"path": "file2.txt", "delete": true}]}]"#,
      to: "t.json")
    #expect(
      try box.logist(["job", "create", "t", "--goal", "g", "--repo", source.path, "--responses", script.path]).status
        == 0)
    #expect(try box.logist(["job", "step", "t"]).status == 0)
    let workspace = box.jobDirectory("t").appendingPathComponent("workspace")
    try Data("new\nfile\n".utf8).write(to: workspace.appendingPathComponent("new.txt"))
    try Data("line 1\nline 1b\nuncommitted\n".utf8).write(to: workspace.appendingPathComponent("file1.txt"))
    let diff = try box.logistRaw(["job", "diff", "t"])
    #expect(diff.status == 0, "\(diff.stderr)")

    // The witness: git itself, in a copy of the job, with the untracked file marked intent-to-add.
    let copy = box.root.appendingPathComponent("copy")
    try FileManager.default.copyItem(at: box.jobDirectory("t"), to: copy)
    let copied = copy.appendingPathComponent("workspace")
    try GitWitness.git(["add", "-N", "new.txt"], in: copied)
    let git = try GitWitness.git(["diff", "--binary", try box.baseCommit("t")], in: copied)
    #expect(String(decoding: diff.stdout, as: UTF8.self) == git)

    let stat = try box.logist(["job", "diff", "t", "--stat"])
    #expect(stat.status == 0, "\(stat.stderr)")
    for name in ["file1.txt", "file2.txt", "new.txt"] { #expect(stat.stdout.contains(name), "\(stat.stdout)") }
    #expect(stat.stdout.contains("3 files changed"), "\(stat.stdout)")
    #expect(stat.stdout.contains("delete mode 100644 file2.txt"), "\(stat.stdout)")
  }

  @Test func patchSeriesAppliesWithGitAmToTheWorkspaceTree() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    let workspace = try box.makeGitJob("p", source: source.path)
    let before = Sandbox.snapshot(box.jobDirectory("p"))
    let series = box.root.appendingPathComponent("p.mbox")
    let patch = try box.logist(["job", "patch", "p", "-o", series.path])
    #expect(patch.status == 0, "\(patch.stderr)")
    let tip = trimmed(try GitWitness.git(["rev-parse", "HEAD"], in: workspace))
    #expect(
      patch.stdout == "wrote 2 patches (\(try box.baseCommit("p").prefix(12))..\(tip.prefix(12))) to \(series.path)\n")
    #expect(patch.stderr.isEmpty, "a clean workspace needs no note: \(patch.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("p")) == before, "job patch changed the job")

    let mbox = try Data(contentsOf: series)
    let subjects = lines(String(decoding: mbox, as: UTF8.self)).filter { $0.hasPrefix("Subject: ") }
    #expect(subjects.count == 2)
    #expect(subjects.first?.hasPrefix("Subject: [PATCH 1/2] logist p: implement attempt 1") == true, "\(subjects)")
    #expect(subjects.last?.hasPrefix("Subject: [PATCH 2/2] logist p: review attempt 1") == true, "\(subjects)")
    #expect(try box.logistRaw(["job", "patch", "p"]).stdout == mbox, "stdout and -o carry the same series")

    let clone = try box.cloneAt(try box.baseCommit("p"), of: source, as: "clone")
    try GitWitness.git(["am", "-q", series.path], in: clone)
    let tree = { (dir: URL) throws -> String in trimmed(try GitWitness.git(["rev-parse", "HEAD^{tree}"], in: dir)) }
    #expect(try tree(clone) == (try tree(workspace)))
    #expect(
      try GitWitness.git(["log", "--format=%an <%ae>", "-2"], in: clone) == "logist <logist@localhost>\n".repeated(2))
    let message = try GitWitness.git(["log", "-1", "--skip=1", "--format=%B"], in: clone)
    #expect(message.contains("Moved file1 — and added notes"), "the commit message survives: \(message)")
    #expect(try Data(contentsOf: clone.appendingPathComponent("data/blob.bin")) == Sandbox.binaryBytes)
  }

  @Test func uncommittedChangesAreNotedAndLeftOut() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    let workspace = try box.makeGitJob("u", source: source.path)
    let head = try GitWitness.git(["rev-parse", "HEAD^{tree}"], in: workspace)
    try Data("not committed\n".utf8).write(to: workspace.appendingPathComponent("loose.txt"))
    let patch = try box.logistRaw(["job", "patch", "u"])
    #expect(patch.status == 0, "\(patch.stderr)")
    #expect(lines(patch.stderr).count == 1, "\(patch.stderr)")
    #expect(patch.stderr.contains("1 uncommitted change"), "\(patch.stderr)")
    #expect(!String(decoding: patch.stdout, as: UTF8.self).contains("loose.txt"))
    let clone = try box.cloneAt(try box.baseCommit("u"), of: source, as: "clone")
    let series = box.root.appendingPathComponent("u.mbox")
    try patch.stdout.write(to: series)
    try GitWitness.git(["am", "-q", series.path], in: clone)
    #expect(try GitWitness.git(["rev-parse", "HEAD^{tree}"], in: clone) == head)
  }

  @Test func noCommitAfterTheBaseIsAnEmptySeries() throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    #expect(try box.logist(["job", "create", "e", "--goal", "g", "--repo", source.path]).status == 0)
    let patch = try box.logistRaw(["job", "patch", "e"])
    #expect(patch.status == 0, "\(patch.stderr)")
    #expect(patch.stdout.isEmpty)
    #expect(patch.stderr.contains("no commit after its base commit"), "\(patch.stderr)")
    let diff = try box.logistRaw(["job", "diff", "e"])
    #expect(diff.status == 0 && diff.stdout.isEmpty, "\(diff.stderr)")
  }

  @Test func seedJobSeriesAppliesOntoARepositoryMadeFromTheSeed() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    let repo = box.root.appendingPathComponent("seeded")
    try FileManager.default.copyItem(at: Sandbox.template("hello-world").appendingPathComponent("seed"), to: repo)
    try GitWitness.git(["init", "-q", "-b", "main"], in: repo)
    try GitWitness.git(["add", "-A"], in: repo)
    try GitWitness.git(["commit", "-q", "-m", "seed"], in: repo)
    let series = box.root.appendingPathComponent("h.mbox")
    #expect(try box.logist(["job", "patch", "h", "--output", series.path]).status == 0)
    try GitWitness.git(["am", "-q", series.path], in: repo)
    let workspace = box.jobDirectory("h").appendingPathComponent("workspace")
    #expect(
      try GitWitness.git(["rev-parse", "HEAD^{tree}"], in: repo)
        == (try GitWitness.git(["rev-parse", "HEAD^{tree}"], in: workspace)))
  }

  @Test func outputOptionHasAShortAliasAndRefusesAMissingDirectory() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    #expect(try box.logist(["job", "run", "h"]).status == 0)
    let long = try box.logist(["job", "patch", "h", "--output=long.mbox"])
    let short = try box.logist(["job", "patch", "-o", "short.mbox", "h"])
    #expect(long.status == 0 && short.status == 0, "\(long.stderr)\(short.stderr)")
    #expect(
      try Data(contentsOf: box.root.appendingPathComponent("long.mbox"))
        == (try Data(contentsOf: box.root.appendingPathComponent("short.mbox"))))
    let twice = try box.logist(["job", "patch", "h", "-o", "a", "--output", "b"])
    #expect(twice.status == 64 && twice.stderr.contains("--output given twice"), "\(twice.stderr)")
    let unknown = try box.logist(["job", "patch", "h", "-x"])
    #expect(unknown.status == 64 && unknown.stderr.contains("unknown option -x"), "\(unknown.stderr)")
    let missing = try box.logist(["job", "patch", "h", "-o", "no/such/dir/f.mbox"])
    #expect(missing.status == 1 && missing.stderr.contains("does not exist"), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("no").path))
    let help = try box.logist(["job", "patch", "--help"])
    #expect(help.stdout.contains("USAGE: logist job patch ID [-o FILE]"), "\(help.stdout)")
    #expect(help.stdout.contains("  -o, --output FILE "), "\(help.stdout)")
  }
}

extension String {
  /// The string `count` times.
  fileprivate func repeated(_ count: Int) -> String { String(repeating: self, count: count) }
}
