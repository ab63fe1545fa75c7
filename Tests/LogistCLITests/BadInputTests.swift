import Foundation
import Testing

/// Bad input is reported in one line naming the file and key, and changes nothing.
@Suite(.serialized) struct BadInputTests {
  /// A hand edit of a job's `job.json` and what the error must say.
  enum ManifestEdit: String, CaseIterable, Sendable {
    case trailingComma, unknownKey, stringForInteger

    var expected: String {
      switch self {
      case .trailingComma: return "trailing comma"
      case .unknownKey: return "phases[0].colour"
      case .stringForInteger: return "phases[1].maxAttempts: expected an integer"
      }
    }

    func apply(to url: URL) throws {
      switch self {
      case .trailingComma:
        var text = try String(contentsOf: url, encoding: .utf8)
        let close = try #require(text.lastIndex(of: "}"))
        let head = text[..<close].replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        text = head + ",\n" + text[close...]
        try Data(text.utf8).write(to: url)
      case .unknownKey:
        try Sandbox.editJSON(url) { value in
          var object = value as? [String: Any] ?? [:]
          var phases = object["phases"] as? [[String: Any]] ?? []
          phases[0]["colour"] = "red"
          object["phases"] = phases
          value = object
        }
      case .stringForInteger:
        try Sandbox.editJSON(url) { value in
          var object = value as? [String: Any] ?? [:]
          var phases = object["phases"] as? [[String: Any]] ?? []
          phases[1]["maxAttempts"] = "3"
          object["phases"] = phases
          value = object
        }
      }
    }
  }

  @Test(arguments: ManifestEdit.allCases)
  func malformedManifestIsReportedInOneLineAndChangesNothing(_ edit: ManifestEdit) throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let file = box.jobDirectory("hello").appendingPathComponent("job.json")
    try edit.apply(to: file)
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    for command in ["status", "step", "run", "preview", "history", "cancel"] {
      let result = try box.logist(["job", command, "hello"])
      #expect(result.status == 1, "job \(command): \(result.stdout)\(result.stderr)")
      let message = lines(result.stderr)
      #expect(message.count == 1, "job \(command): one line expected, got \(result.stderr)")
      #expect(result.stderr.contains(file.path), "job \(command): \(result.stderr)")
      #expect(result.stderr.contains(edit.expected), "job \(command): \(result.stderr)")
      expectNoCrash(result)
      #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before, "job \(command) changed the job")
    }
  }

  @Test func listSkipsAnUnreadableJobWithAWarning() throws {
    let box = try Sandbox()
    try box.create("good", from: "hello-world")
    try box.create("bad", from: "hello-world")
    try ManifestEdit.unknownKey.apply(to: box.jobDirectory("bad").appendingPathComponent("job.json"))
    let list = try box.logist(["job", "list", "--json"])
    #expect(list.status == 0)
    let rows = try Sandbox.json(list.stdout) as? [[String: Any]] ?? []
    #expect(rows.compactMap { $0["id"] as? String } == ["good"])
    #expect(list.stderr.contains("phases[0].colour"), "\(list.stderr)")
  }

  /// Ids `job create` must refuse.
  static let invalidIDs = [
    "a/b", "..", "", "-x", ".hidden", String(repeating: "a", count: 65), "a b", "ü", "a..b", "x.lock", "x.",
  ]

  @Test(arguments: invalidIDs)
  func invalidIDCreatesNothing(_ id: String) throws {
    let box = try Sandbox()
    let result = try box.logist(["job", "create", "--from", Sandbox.template("hello-world").path, "--", id])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains("invalid job id"), "\(result.stderr)")
    #expect(result.stderr.contains("not ending in '.' or '.lock'"), "the rule is stated: \(result.stderr)")
    #expect(!result.stderr.contains(".create-"), "no libgit2 error naming a temporary path: \(result.stderr)")
    #expect(lines(result.stderr).count == 1)
    expectNoCrash(result)
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path), "the jobs directory must not even be created")
  }

  @Test func dashIDWithoutSeparatorIsAUsageErrorAndCreatesNothing() throws {
    let box = try Sandbox()
    let result = try box.logist(["job", "create", "-x", "--from", Sandbox.template("hello-world").path])
    #expect(result.status == 64)
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path))
  }

  @Test func sixtyFourCharacterIDIsAccepted() throws {
    let box = try Sandbox()
    try box.create(String(repeating: "a", count: 64), from: "hello-world")
  }

  @Test func templateWithAnUnknownPhaseInItsScriptLeavesNoJobBehind() throws {
    let box = try Sandbox()
    try box.create("other", from: "hello-world")
    let template = try box.copyTemplate("hello-world", as: "typo")
    try Sandbox.editJSON(template.appendingPathComponent("responses.json")) { value in
      var entries = value as? [[String: Any]] ?? []
      entries[1]["phase"] = "reveiw"
      value = entries
    }
    let before = Sandbox.snapshot(box.jobs)
    let result = try box.logist(["job", "create", "bad", "--from", template.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("responses.json"), "\(result.stderr)")
    #expect(result.stderr.contains("[1].phase"), "\(result.stderr)")
    #expect(result.stderr.contains("reveiw"), "\(result.stderr)")
    expectNoCrash(result)
    let entries = try FileManager.default.contentsOfDirectory(atPath: box.jobs.path)
    #expect(!entries.contains("bad"))
    #expect(!entries.contains { $0.hasPrefix(".create-") }, "staging directory left behind: \(entries)")
    #expect(
      Sandbox.snapshot(box.jobs).filter { !$0.key.hasPrefix("/.locks") }
        == before.filter { !$0.key.hasPrefix("/.locks") })
  }

  @Test func templateWithAnUnknownRoleIsRefused() throws {
    let box = try Sandbox()
    let template = try box.copyTemplate("hello-world", as: "norole")
    try Sandbox.setRole("critic", ofPhase: 1, in: template)
    let result = try box.logist(["job", "create", "x", "--from", template.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\"critic\""), "\(result.stderr)")
    #expect(result.stderr.contains("supervisor"), "the message lists the roles there are: \(result.stderr)")
    expectNoCrash(result)
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("x").path))
  }

  @Test func createOverAnExistingJobIsRefusedAndLeavesItAlone() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    try box.logist(["job", "step", "hello"])
    let before = Sandbox.snapshot(box.jobDirectory("hello"))
    let result = try box.logist(["job", "create", "hello", "--from", Sandbox.template("review-loop").path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("already exists"))
    #expect(Sandbox.snapshot(box.jobDirectory("hello")) == before)
  }

  @Test func createFromAMissingTemplateIsAnError() throws {
    let box = try Sandbox()
    let result = try box.logist(["job", "create", "x", "--from", box.root.appendingPathComponent("nowhere").path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("nowhere"))
    expectNoCrash(result)
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("x").path))
  }

  @Test func commandsOnAMissingOrInvalidJobIDReportCleanly() throws {
    let box = try Sandbox()
    for args in [
      ["job", "status", "ghost"], ["job", "step", "ghost"], ["job", "status", "../etc"], ["job", "run", "a/b"],
    ] {
      let result = try box.logist(args)
      #expect(result.status == 1, "\(args): \(result.stderr)")
      #expect(lines(result.stderr).count == 1, "\(args): \(result.stderr)")
      expectNoCrash(result)
    }
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("etc").path))
  }
}

/// A reader that goes away (`logist … | head -1`) never makes logist trap.
@Suite(.serialized) struct ClosedPipeTests {
  @Test func writingToAClosedPipeIsNotACrash() throws {
    let box = try Sandbox()
    try box.create("h", from: "hello-world")
    let script = """
      set -o pipefail
      "$0" --jobs-dir "$1" role inspect worker 2>"$1/err" | (exec 0<&-; sleep 0.3)
      """
    let bash = Process()
    bash.executableURL = URL(fileURLWithPath: "/bin/bash")
    bash.arguments = ["-c", script, Sandbox.binary.path, box.jobs.path]
    try bash.run()
    bash.waitUntilExit()
    #expect(bash.terminationStatus == 0)
    let err = try String(contentsOf: box.jobs.appendingPathComponent("err"), encoding: .utf8)
    #expect(!err.contains("Fatal error") && !err.contains("crashed"), "\(err)")
  }
}
