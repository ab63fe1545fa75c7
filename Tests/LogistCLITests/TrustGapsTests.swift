import Foundation
import Testing

/// The smaller trust gaps: a person's typo in `job poststep`, git-unsafe job ids (in BadInputTests),
/// shell-quoted command lines, a dangling jobs directory.
@Suite(.serialized) struct TrustGapsTests {
  @Test func aPersonsUnparseableOrInvalidResponseIsAUsageErrorAndChangesNothing() throws {
    let box = try Sandbox()
    try box.create("p", from: "hello-world")
    let before = Sandbox.snapshot(box.jobDirectory("p"))
    for response in [#"{"action": "COMPLETED", "summary": "#, #"{"action": "APPROVED", "summary": "x"}"#, ""] {
      let result = try box.logist(["job", "poststep", "p", "--response", response])
      #expect(result.status == 64, "\(response): \(result.stdout)\(result.stderr)")
      #expect(result.stderr.contains("nothing was changed"), "\(result.stderr)")
      #expect(lines(result.stderr).count == 1)
    }
    try box.write("{\"act", to: "bad.json")
    let file = try box.logist(["job", "poststep", "p", "--response-file", "bad.json"])
    #expect(file.status == 64, "\(file.stderr)")
    #expect(Sandbox.snapshot(box.jobDirectory("p")) == before)

    let recorded = try box.logist(["job", "poststep", "p", "--response-file", "bad.json", "--as-agent-output"])
    #expect(recorded.status == 2, "an agent's output is judged like a live one: \(recorded.stderr)")
    #expect(try box.history("p").first?["action"] as? String == "INVALID_RESPONSE")
    let misplaced = try box.logist(["job", "poststep", "p", "--response", "{}", "--as-agent-output"])
    #expect(misplaced.status == 64)
  }

  @Test func theAgentLogHeaderAndChatPrintAreShellQuoted() throws {
    let box = try Sandbox()
    try box.script("roles/my agent.sh", "cat > /dev/null\nexit 0")
    try box.role(
      "worker",
      #"{"provider": {"kind": "command", "command": ["./my agent.sh", "it's", "$HOME"], "chatCommand": ["./my agent.sh", "a b"]}}"#
    )
    try box.createLive("j")
    _ = try box.live(["job", "step", "j"])
    let header = lines(box.agentLog("j")).first ?? ""
    let script = box.root.appendingPathComponent("roles/my agent.sh").path
    #expect(header.contains("'\(script)' 'it'\\''s' '$HOME'"), "\(header)")
    let chat = try box.live(["job", "chat", "j", "--print"])
    #expect(chat.stdout.contains("command: '\(script)' 'a b'"), "\(chat.stdout)")
  }

  @Test func aJobsDirectoryThatIsADanglingLinkIsNamedAsSuch() throws {
    let box = try Sandbox()
    try FileManager.default.createSymbolicLink(
      at: box.root.appendingPathComponent("linked"), withDestinationURL: box.root.appendingPathComponent("gone"))
    for args in [
      ["job", "list"], ["job", "status", "x"], ["job", "create", "x", "--from", Sandbox.template("hello-world").path],
    ] {
      let result = try box.run(["--jobs-dir", "linked"] + args)
      #expect(result.status == 1, "\(args)")
      #expect(
        result.stderr.contains("is a symbolic link to \(box.root.path)/gone, which does not exist"), "\(result.stderr)")
      #expect(!result.stderr.contains("warning"), "\(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("gone").path))
  }
}
