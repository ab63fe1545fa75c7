import Foundation
import Testing

/// `job diff`, `job patch` and `job export` on jobs they cannot work on: one line, exit 1, nothing changed.
@Suite(.serialized) struct WorkspaceCommandErrorTests {
  static let commands: [[String]] = [
    ["job", "diff"], ["job", "diff", "--stat"], ["job", "patch"], ["job", "export"],
  ]

  /// Runs `command` on job `id` (the id goes after the command words) and checks the refusal.
  private func expectRefused(
    _ box: Sandbox, _ command: [String], _ id: String, saying words: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let args = Array(command.prefix(2)) + [id] + command.dropFirst(2)
    let before = Sandbox.snapshot(box.jobs)
    let result = try box.logist(args)
    expectNoCrash(result, sourceLocation: sourceLocation)
    #expect(result.status == 1, "\(args): \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "\(args): \(result.stdout)", sourceLocation: sourceLocation)
    #expect(lines(result.stderr).count == 1, "\(args): \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("error: "), sourceLocation: sourceLocation)
    for word in words {
      #expect(result.stderr.contains(word), "\(args): \(result.stderr)", sourceLocation: sourceLocation)
    }
    #expect(Sandbox.snapshot(box.jobs) == before, "\(args) changed the jobs directory", sourceLocation: sourceLocation)
  }

  @Test(arguments: commands)
  func unknownJobIsRefused(_ command: [String]) throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    try expectRefused(box, command, "nosuchjob", saying: ["no job \"nosuchjob\"", "job list"])
  }

  @Test(arguments: commands)
  func checkoutDeletedByHandIsExplained(_ command: [String]) throws {
    let box = try Sandbox()
    let source = try box.gitSource("src")
    try box.makeGitJob("x", source: source.path)
    try FileManager.default.removeItem(at: box.jobDirectory("x").appendingPathComponent("workspace"))
    let before = try GitWitness.fingerprint(source)
    try expectRefused(box, command, "x", saying: ["is missing", "--recreate-workspace"])
    #expect(try GitWitness.fingerprint(source) == before)
  }

  @Test(arguments: commands)
  func jobWithoutWorkspaceIsRefused(_ command: [String]) throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    try Sandbox.editJSON(box.jobDirectory("h").appendingPathComponent("job.json")) { value in
      var object = value as? [String: Any] ?? [:]
      object["source"] = nil
      value = object
    }
    try expectRefused(box, command, "h", saying: ["has no workspace"])
  }

  @Test func newCommandsAreListedWithHelp() throws {
    let box = try Sandbox()
    let root = try box.run(["job", "--help"])
    for name in ["diff", "patch", "export"] {
      #expect(root.stdout.contains("\n  \(name) "), "\(name) missing from job --help")
      let help = try box.run(["job", name, "--help"])
      #expect(help.status == 0 && help.stdout.contains("USAGE: logist job \(name) ID"), "\(help.stdout)")
    }
    #expect(try box.run(["job", "export", "--help"]).stdout.contains("  --force "))
    #expect(try box.run(["job", "diff", "--help"]).stdout.contains("  --stat "))
  }
}
