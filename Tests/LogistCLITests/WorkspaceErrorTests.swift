import Foundation
import Testing

/// A source that cannot become a workspace: one clear line, exit 1, and no job or leftover on disk.
@Suite(.serialized) struct WorkspaceErrorTests {
  /// Runs `job create x --goal g ARGS…` and checks it failed cleanly; returns stderr.
  static func refused(_ box: Sandbox, _ args: [String], jobs: URL? = nil) throws -> String {
    let jobsDirectory = jobs ?? box.jobs
    let result = try box.run(["--jobs-dir", jobsDirectory.path, "job", "create", "x", "--goal", "g"] + args)
    #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
    #expect(result.stderr.hasPrefix("error: ") && lines(result.stderr).count == 1, "\(result.stderr)")
    let left = (try? FileManager.default.contentsOfDirectory(atPath: jobsDirectory.path)) ?? []
    #expect(left.filter { $0 != ".locks" }.isEmpty, "left behind: \(left)")
    return result.stderr
  }

  @Test func missingSourceIsNamed() throws {
    let box = try Sandbox()
    let message = try Self.refused(box, ["--repo", "no-such-dir"])
    #expect(message.contains("source \(box.root.path)/no-such-dir does not exist"), "\(message)")
  }

  @Test func aFileIsNotASource() throws {
    let box = try Sandbox()
    try box.write("x", to: "file.txt")
    #expect(try Self.refused(box, ["--repo", "file.txt"]).contains("is a file"))
  }

  @Test func unknownRefListsTheBranchesAndTags() throws {
    let box = try Sandbox()
    let source = try box.gitSource()
    let message = try Self.refused(box, ["--repo", source.path, "--ref", "nope"])
    #expect(message.contains("ref \"nope\" not found"), "\(message)")
    #expect(message.contains("branches: dev, main; tags: v1"), "\(message)")
  }

  @Test func refNeedsAGitSource() throws {
    let box = try Sandbox()
    try box.write("x", to: "plain/a.txt")
    #expect(try Self.refused(box, ["--repo", "plain", "--ref", "main"]).contains("plain directory"))
    let noRepo = try box.logist(["job", "create", "x", "--goal", "g", "--ref", "main"])
    #expect(noRepo.status == 64, "\(noRepo.stderr)")
  }

  @Test func emptyRepositoryIsRefused() throws {
    let box = try Sandbox()
    let empty = box.root.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try GitWitness.git(["init", "-q"], in: empty)
    #expect(try Self.refused(box, ["--repo", empty.path]).contains("has no commits"))
  }

  @Test func unreachableRemoteIsRefused() throws {
    let box = try Sandbox()
    let message = try Self.refused(box, ["--repo", "http://127.0.0.1:9/nothing.git"])
    #expect(message.contains("cannot clone source http://127.0.0.1:9/nothing.git"), "\(message)")
  }

  @Test func fifoInASeedIsRefusedInsteadOfHanging() throws {
    let box = try Sandbox()
    let template = try box.copyTemplate("hello-world", as: "tpl")
    #expect(mkfifo(template.path + "/seed/pipe", 0o644) == 0)
    let result = try box.logist(["job", "create", "x", "--from", template.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("seed/pipe: it is not a file, directory or symbolic link"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("x").path))
  }

  @Test(.enabled(if: getuid() == 0, "needs root to give the source to another user"))
  func repositoryOfAnotherUserIsExplained() throws {
    let box = try Sandbox()
    let source = try box.gitSource()
    #expect(chown(source.path, 12345, 12345) == 0)
    #expect(chown(source.path + "/.git", 12345, 12345) == 0)
    let message = try Self.refused(box, ["--repo", source.path])
    #expect(message.contains("owned by uid 12345") && message.contains("safe.directory"), "\(message)")
  }

  @Test(.enabled(if: getuid() == 0, "needs root to mount a small tmpfs"))
  func fullDiskLeavesNothingAndSaysWhatToDo() throws {
    let box = try Sandbox()
    let mount = box.root.appendingPathComponent("small")
    try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
    let mounted = Process()
    mounted.executableURL = URL(fileURLWithPath: "/bin/mount")
    mounted.arguments = ["-t", "tmpfs", "-o", "size=400k", "tmpfs", mount.path]
    try mounted.run()
    mounted.waitUntilExit()
    try #require(mounted.terminationStatus == 0, "cannot mount a tmpfs here")
    defer {
      let unmount = Process()
      unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
      unmount.arguments = [mount.path]
      try? unmount.run()
      unmount.waitUntilExit()
    }
    let big = box.root.appendingPathComponent("big")
    try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
    var bytes = [UInt8](repeating: 0, count: 2_000_000)
    for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
    try Data(bytes).write(to: big.appendingPathComponent("blob.bin"))
    let jobs = mount.appendingPathComponent("jobs")
    #expect(try Self.refused(box, ["--repo", big.path], jobs: jobs).contains("the disk is full"))
    try GitWitness.git(["init", "-q"], in: big)
    try GitWitness.git(["add", "-A"], in: big)
    try GitWitness.git(["commit", "-q", "-m", "big"], in: big)
    #expect(try Self.refused(box, ["--repo", big.path], jobs: jobs).contains("the disk is full"))
  }
}
