import Foundation
import Testing

/// The `git` CLI as an independent witness of what Logist did to repositories.
enum GitWitness {
  /// A failed `git` command.
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Runs `git ARGS…` in `directory` (fixed identity, no user or system config) and returns its stdout.
  @discardableResult
  static func git(_ args: [String], in directory: URL, allowFailure: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = args
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["GIT_AUTHOR_NAME"] = "Test Person"
    environment["GIT_AUTHOR_EMAIL"] = "test@example.com"
    environment["GIT_COMMITTER_NAME"] = "Test Person"
    environment["GIT_COMMITTER_EMAIL"] = "test@example.com"
    process.environment = environment
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("git-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: scratch.path + ".out", contents: nil)
    FileManager.default.createFile(atPath: scratch.path + ".err", contents: nil)
    defer {
      try? FileManager.default.removeItem(atPath: scratch.path + ".out")
      try? FileManager.default.removeItem(atPath: scratch.path + ".err")
    }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + ".out"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + ".err"))
    try process.run()
    process.waitUntilExit()
    let out = (try? String(contentsOfFile: scratch.path + ".out", encoding: .utf8)) ?? ""
    if process.terminationStatus != 0 && !allowFailure {
      let err = (try? String(contentsOfFile: scratch.path + ".err", encoding: .utf8)) ?? ""
      throw Failure(description: "git \(args.joined(separator: " ")) failed (\(process.terminationStatus)): \(err)")
    }
    return out
  }

  /// Makes a repository at `directory` on branch `main` with `commits` commits (file `file<N>.txt` each),
  /// a tag `v1` on the first, and a branch `dev` with one more commit. Returns the directory.
  @discardableResult
  static func makeRepository(at directory: URL, commits: Int = 2) throws -> URL {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try git(["init", "-q", "-b", "main"], in: directory)
    for number in 1...max(commits, 1) {
      try "line \(number)\n".write(
        to: directory.appendingPathComponent("file\(number).txt"), atomically: true, encoding: .utf8)
      try git(["add", "-A"], in: directory)
      try git(["commit", "-q", "-m", "commit \(number)"], in: directory)
      if number == 1 { try git(["tag", "v1"], in: directory) }
    }
    try git(["checkout", "-q", "-b", "dev"], in: directory)
    try "dev work\n".write(to: directory.appendingPathComponent("dev.txt"), atomically: true, encoding: .utf8)
    try git(["add", "-A"], in: directory)
    try git(["commit", "-q", "-m", "dev commit"], in: directory)
    try git(["checkout", "-q", "main"], in: directory)
    return directory
  }

  /// Everything about a repository a job must never change: refs, HEAD, config, status, stash, worktree files.
  static func fingerprint(_ directory: URL) throws -> String {
    let refs = try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: directory)
    let head = try git(["symbolic-ref", "-q", "HEAD"], in: directory, allowFailure: true)
    let config = (try? String(contentsOf: directory.appendingPathComponent(".git/config"), encoding: .utf8)) ?? ""
    let status = try git(["status", "--porcelain", "--ignored"], in: directory)
    let remotes = try git(["remote", "-v"], in: directory)
    return ["refs:\n" + refs, "HEAD: " + head, "config:\n" + config, "status:\n" + status, "remotes:\n" + remotes]
      .joined(separator: "\n")
  }
}
