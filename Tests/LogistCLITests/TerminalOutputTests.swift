import Foundation
import Testing

/// Nothing an agent prints can drive the terminal: every C0 and C1 control, bidi overrides and invalid
/// UTF-8 sent through a summary, a failure reason and the agent's output come out of every command
/// that shows them made visible; `--json` output stays exact JSON.
@Suite(.serialized) struct TerminalOutputTests {
  /// Every C0 control, DEL, every C1 control, a bidi override and isolate, the line separator.
  static let controls: [Unicode.Scalar] =
    (Array(0x00...0x1F) + Array(0x7F...0x9F) + [0x202E, 0x2066, 0x2028]).compactMap(Unicode.Scalar.init)

  /// The summary the agent answers with: a marker word, then every control.
  static var summary: String {
    var text = "marker"
    for scalar in controls { text.unicodeScalars.append(scalar) }
    return text + "\nrun 0002: COMPLETED -> succeeded"
  }

  /// Raw bytes the agent prints (and, failing, prints on standard error): controls and invalid UTF-8.
  static let noise: [UInt8] =
    Array("noisy ".utf8) + [0x1B, 0x5B, 0x32, 0x4A, 0x1B, 0x5D, 0x30, 0x3B, 0x70, 0x77, 0x6E, 0x07, 0x0D, 0xFF, 0xC3]
    + Array("spoofed status".utf8) + [0xC2, 0x9B, 0x33, 0x31, 0x6D]

  /// A sandbox with job `good` (answers with ``summary``) and job `bad` (prints ``noise`` and exits 3).
  func box() throws -> Sandbox {
    let box = try Sandbox()
    var response = #"{"action":"COMPLETED","evidenceFiles":["hello.py"],"summary":"#
    response +=
      try String(decoding: JSONSerialization.data(withJSONObject: [Self.summary]), as: UTF8.self)
      .dropFirst().dropLast() + "}"
    let responseFile = try box.write(response, to: "response.json")
    let noiseFile = box.root.appendingPathComponent("noise.bin")
    try Data(Self.noise + [0x0A]).write(to: noiseFile)
    try box.script(
      "roles/agent.sh",
      """
      cat '\(noiseFile.path)'
      if [ "$LOGIST_JOB_ID" = bad ]; then cat '\(noiseFile.path)' >&2; exit 3; fi
      cp '\(responseFile.path)' "$LOGIST_RESPONSE_FILE"
      """)
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"]}}"#)
    try box.createLive("good")
    try box.createLive("bad")
    return box
  }

  /// Runs logist and returns its exit status and raw output bytes (stdout, stderr).
  func raw(_ box: Sandbox, _ args: [String]) throws -> (status: Int32, out: Data, err: Data) {
    let running = try box.start(
      ["--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path] + args, environment: box.agentEnvironment())
    running.process.waitUntilExit()
    return (
      running.process.terminationStatus, try Data(contentsOf: running.out), try Data(contentsOf: running.err)
    )
  }

  /// Fails when `output` holds a byte or character that could drive a terminal, or (unless it is a
  /// document such as a prompt, whose newlines are its own) an agent's newline starting a line.
  func expectInert(
    _ output: Data, _ what: String, document: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let text = String(data: output, encoding: .utf8) else {
      Issue.record("\(what): output is not valid UTF-8", sourceLocation: sourceLocation)
      return
    }
    let bad = text.unicodeScalars.filter {
      ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
        || [0x202E, 0x2066, 0x2028].contains($0.value)
    }
    #expect(
      bad.isEmpty, "\(what): raw controls \(bad.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
    #expect(
      document || !text.contains("\nrun 0002"), "\(what): an agent's newline started a logist-looking line",
      sourceLocation: sourceLocation)
  }

  @Test func everyCommandThatShowsAgentTextShowsItsControlsVisibly() throws {
    let box = try box()
    let run = try raw(box, ["job", "step", "good"])
    #expect(run.status == 0, "\(String(decoding: run.err, as: UTF8.self))")
    expectInert(run.out, "job step stdout")
    expectInert(run.err, "job step progress")
    let progress = String(decoding: run.err, as: UTF8.self)
    #expect(progress.contains(#"marker\x00\x01"#) && progress.contains(#"\x1b"#) && progress.contains(#"\r"#))
    #expect(progress.contains(#"\u009b"#) && progress.contains(#"\u202e"#) && progress.contains(#"\nrun 0002"#))

    let failed = try raw(box, ["job", "run", "bad"])
    #expect(failed.status == 2)
    expectInert(failed.out, "job run stdout")
    expectInert(failed.err, "job run progress")
    let reason = String(decoding: failed.out, as: UTF8.self)
    #expect(reason.contains(#"pwn\x07"#) && reason.contains(#"\xff\xc3spoofed status\u009b31m"#), "\(reason)")

    for args in [
      ["job", "history", "good"], ["job", "status", "bad"], ["job", "status", "good"], ["events"],
      ["events", "--job", "good"], ["search", "marker"], ["search", "noisy"], ["job", "list"], ["stats"],
    ] {
      let result = try raw(box, args)
      #expect(result.status == 0, "\(args): \(String(decoding: result.err, as: UTF8.self))")
      expectInert(result.out, args.joined(separator: " "))
      expectInert(result.err, args.joined(separator: " ") + " (stderr)")
    }
    let preview = try raw(box, ["job", "preview", "good"])
    expectInert(preview.out, "job preview (the prompt, with the last summary)", document: true)
    let history = String(decoding: try raw(box, ["job", "history", "good"]).out, as: UTF8.self)
    #expect(history.contains(#"marker\x00\x01\x02"#), "\(history)")
    let search = String(decoding: try raw(box, ["search", "marker"]).out, as: UTF8.self)
    #expect(search.contains("good"), "\(search)")
  }

  @Test func jsonOutputStaysExactJSON() throws {
    let box = try box()
    #expect(try raw(box, ["job", "step", "good"]).status == 0)
    let history = try raw(box, ["job", "history", "good", "--json"])
    expectInert(history.out, "job history --json")
    let rows = try #require(try JSONSerialization.jsonObject(with: history.out) as? [[String: Any]])
    #expect(rows.first?["summary"] as? String == Self.summary, "the summary comes back exactly")
    for args in [["job", "status", "good", "--json"], ["events", "--json"], ["search", "marker", "--json"]] {
      let result = try raw(box, args)
      expectInert(result.out, args.joined(separator: " "))
      #expect(
        (try? JSONSerialization.jsonObject(with: result.out)) != nil,
        "\(args): \(String(decoding: result.out, as: UTF8.self))")
    }
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func theLiveStatusLineOnATerminalShowsTheAgentsLastLineVisibly() throws {
    let box = try Sandbox()
    let noiseFile = box.root.appendingPathComponent("noise.bin")
    try Data(Self.noise + [0x0A]).write(to: noiseFile)
    try box.script(
      "roles/agent.sh",
      """
      cat '\(noiseFile.path)'
      sleep 1.5
      printf '%s' '{"action":"COMPLETED","summary":"ok"}' > "$LOGIST_RESPONSE_FILE"
      """)
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"]}}"#)
    try box.createLive("j")
    let command = [
      Sandbox.binary.path, "--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path, "job", "step", "j",
    ]
    .joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
    process.environment = box.agentEnvironment().merging(["HOME": box.root.path]) { $1 }
    let output = box.root.appendingPathComponent("tty.out")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let shown = String(decoding: try Data(contentsOf: output), as: UTF8.self)
    #expect(shown.contains("\r\u{1B}[K"), "the status line was drawn: \(shown.debugDescription)")
    #expect(shown.contains("noisy"), "with the agent's last line: \(shown.debugDescription)")
    // What is left once logist's own sequences and the terminal's CR LF are taken out must be inert.
    let rest = shown.replacingOccurrences(of: "\r\u{1B}[K", with: "").replacingOccurrences(of: "\r\n", with: "\n")
    expectInert(Data(rest.utf8), "job step on a terminal")
  }
}
