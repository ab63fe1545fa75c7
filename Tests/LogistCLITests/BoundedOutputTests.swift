import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whatever a command agent prints (one 1 GB line, 1 GB of short lines, binary, no final newline),
/// `logist` stays under 64 MB of memory, still finds the response at the end, and keeps `agent.log`
/// to its limit: the head, a marker line with the dropped count, the tail, then Logist's own lines.
///
/// Memory is `ru_maxrss` of the children of a small python3 wrapper that runs `logist` and waits
/// for it: the largest peak of `logist` and of the agent processes it reaped. The agents here are
/// `sh`, `head`, `tr`, `yes` and `cat` (a few MB each), so the figure is `logist`'s own peak or an
/// upper bound of it.
@Suite(.serialized) struct BoundedOutputTests {
  static let answer = #"{"action":"COMPLETED","summary":"bounded","evidenceFiles":["hello.py"]}"#
  static let gigabyte = 1 << 30
  static let memoryLimitKB = 64 * 1024

  /// A sandbox whose worker role runs `<root>/roles/agent.sh` (`body`) as a command agent.
  func box(_ body: String, provider: String = "") throws -> Sandbox {
    let box = try Sandbox()
    try box.script("roles/agent.sh", body)
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"]\#(provider)}}"#)
    try box.createLive("j")
    return box
  }

  /// `job step j` under the wrapper; the result and the peak memory in KB.
  func measuredStep(_ box: Sandbox, _ extra: [String: String] = [:]) throws -> (CLIResult, Int) {
    let report = box.root.appendingPathComponent("maxrss")
    let wrapper = """
      import resource, subprocess, sys
      code = subprocess.call(sys.argv[2:])
      open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
      sys.exit(code)
      """
    let args = [
      "-c", wrapper, report.path, Sandbox.binary.path, "--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path,
      "job", "step", "j",
    ]
    let result = try box.run(
      args, environment: box.agentEnvironment(extra), executable: URL(fileURLWithPath: "/usr/bin/python3"))
    let text = try String(contentsOf: report, encoding: .utf8)
    return (result, Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? Int.max)
  }

  /// The run's `agent.log`.
  func log(_ box: Sandbox) throws -> Data { try box.runFile("j", "0001-implement", "agent.log") }

  /// The marker line of a log capped at `limit` that dropped `dropped` bytes and kept a tail of `tail` bytes.
  static func marker(dropped: Int, limit: Int, tail: Int) -> String {
    "=== logist: \(dropped) bytes of output dropped here (logLimitBytes \(limit)); its last \(tail) bytes follow\n"
  }

  /// The output a capped log kept before its marker, the dropped count the marker gives, and the
  /// output kept after it (until Logist's next line); nil without the marker.
  static func parts(_ log: String) -> (head: String, dropped: Int, tail: String)? {
    let lines = log.split(separator: "\n", omittingEmptySubsequences: false)
    guard let over = lines.firstIndex(where: { $0.hasPrefix("=== logist: agent.log is over its limit") }),
      over + 1 < lines.count, lines[over + 1].contains(" bytes of output dropped here "),
      let dropped = Int(lines[over + 1].dropFirst("=== logist: ".count).prefix { $0.isNumber }),
      let end = lines[(over + 2)...].firstIndex(where: { $0.hasPrefix("=== logist: ") })
    else { return nil }
    let head = lines[1..<over].joined(separator: "\n") + "\n"
    let tail = lines[(over + 2)..<end].joined(separator: "\n") + "\n"
    return (head, dropped, tail)
  }

  @Test func oneGigabyteLineEndingInTheResponse() throws {
    let box = try box(
      """
      head -c \(Self.gigabyte) /dev/zero | tr '\\0' x
      printf ' %s\\n' '\(Self.answer)'
      """)
    let started = Date()
    let (step, peak) = try measuredStep(box)
    let seconds = Date().timeIntervalSince(started)
    #expect(step.status == 0, "\(step.stderr)")
    #expect(peak < Self.memoryLimitKB, "logist peaked at \(peak) KB")
    #expect(
      try box.history("j").first?["summary"] as? String == "bounded", "the response at the end of the line is found")
    let log = try log(box)
    let limit = 52_428_800
    let printed = Self.gigabyte + 1 + Self.answer.utf8.count + 1
    #expect(log.count <= limit + 1024, "\(log.count) bytes")
    let head = String(decoding: log.prefix(4096), as: UTF8.self)
    #expect(head.hasPrefix("=== logist: command: ") && head.contains(")\nxxxxxxxxxx"), "the head")
    let end = String(decoding: log.suffix(4 << 20 + 4096), as: UTF8.self)
    #expect(end.contains(Self.marker(dropped: printed - limit, limit: limit, tail: 4 << 20) + "xxxxxxxx"))
    #expect(end.contains("xxxxxxxxxx \(Self.answer)\n=== logist: 1 line(s) longer than 1 MiB"), "the tail")
    #expect(end.hasSuffix(" s\n") && end.contains("=== logist: exit 0 after "), "the notes stay at the end")
    print("a 1 GB line took \(Int(seconds)) s, logist peaked at \(peak / 1024) MB")
  }

  @Test func oneGigabyteOfShortLinesWithASecretToRedactAndASmallLimit() throws {
    // 64-byte lines: 16.8 million of them, each through the redactor, the splitter and the parser.
    let line = "line of agent output, 64 bytes with its newline, and more texts"
    let limit = 1 << 20
    let box = try box(
      """
      yes '\(line)' | head -c \(Self.gigabyte)
      echo "deploying with $SERVICE_API_KEY"
      echo '\(Self.answer)'
      """, provider: #", "logLimitBytes": \#(limit)"#)
    let secret = "sk-test-5eCr3T-0123456789"
    let started = Date()
    let (step, peak) = try measuredStep(box, ["SERVICE_API_KEY": secret])
    let seconds = Date().timeIntervalSince(started)
    #expect(step.status == 0, "\(step.stderr)")
    #expect(peak < Self.memoryLimitKB, "logist peaked at \(peak) KB")
    #expect(try box.history("j").first?["summary"] as? String == "bounded")
    let log = try log(box)
    #expect(log.count <= limit + 1024, "\(log.count) bytes")
    let text = String(decoding: log, as: UTF8.self)
    let printed = Self.gigabyte + "deploying with [redacted]\n".utf8.count + Self.answer.utf8.count + 1
    let parts = try #require(Self.parts(text), "head, marker, tail")
    #expect(parts.head.utf8.count + parts.dropped + parts.tail.utf8.count == printed)
    #expect(parts.head.utf8.count <= limit / 2 && parts.head.utf8.count > limit / 2 - 4096)
    #expect(parts.head.hasPrefix("\(line)\n\(line)\n") && parts.head.hasSuffix("\(line)\n"), "the head: whole lines")
    #expect(parts.tail.utf8.count <= limit / 2 && parts.tail.utf8.count > limit / 2 - 4096)
    #expect(parts.tail.hasPrefix("\(line)\n"), "the tail starts with a whole line")
    #expect(parts.tail.hasSuffix("\(line)\ndeploying with [redacted]\n\(Self.answer)\n"), "the tail")
    #expect(text.hasSuffix(" s\n") && text.contains("\n=== logist: exit 0 after "))
    #expect(!text.contains(secret))
    print("1 GB of 64-byte lines took \(Int(seconds)) s, logist peaked at \(peak / 1024) MB")
  }

  @Test func binaryWithoutNewlinesThenTheResponse() throws {
    let box = try box(
      """
      i=0
      while [ $i -lt 256 ]; do cat "$LOGIST_WORKSPACE/../binary"; i=$((i + 1)); done
      printf '%s' '\(Self.answer)'
      """, provider: #", "logLimitBytes": 65536"#)
    let bytes = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0) }.map { $0 == 0x0A ? 0x0B : $0 }
    try Data(bytes).write(to: box.jobDirectory("j").appendingPathComponent("binary"))
    let (step, peak) = try measuredStep(box)
    #expect(step.status == 0, "\(step.stderr)")
    #expect(peak < Self.memoryLimitKB, "logist peaked at \(peak) KB")
    #expect(try box.history("j").first?["summary"] as? String == "bounded")
    let log = try log(box)
    #expect(log.count <= 65536 + 1024, "\(log.count) bytes")
    // Logist ends the unfinished last line with a newline, which counts as output.
    let printed = 256 << 20 + Self.answer.utf8.count + 1
    let marker = Data(Self.marker(dropped: printed - 65536, limit: 65536, tail: 32768).utf8)
    let at = try #require(log.range(of: marker), "the marker")
    #expect(log[log.startIndex..<at.lowerBound].range(of: Data(bytes.prefix(1000))) != nil, "the head")
    let tail =
      Data(bytes.suffix(32768 - Self.answer.utf8.count - 1)) + Data(Self.answer.utf8) + Data("\n=== logist: ".utf8)
    #expect(log[at.upperBound...].starts(with: tail), "the tail, then a newline before Logist's own lines")
  }

  @Test func outputWithoutAFinalNewlineKeepsItsLastLine() throws {
    let box = try box("printf 'working\\n%s' '\(Self.answer)'")
    let step = try box.live(["job", "step", "j"])
    #expect(step.status == 0, "\(step.stderr)")
    #expect(try box.history("j").first?["summary"] as? String == "bounded")
    let text = box.agentLog("j")
    #expect(text.contains("\nworking\n\(Self.answer)\n=== logist: exit 0 after "), "\(text)")
    #expect(!text.contains("dropped"))
  }

  @Test func aClaudeStreamBuriedUnderNonJSONLinesAndAHugeEventStillGivesItsResultAndUsage() throws {
    let box = try Sandbox()
    try box.fakeAgent(
      "claude",
      """
      yes 'warning: a progress line the CLI printed, which is not JSON' | head -c \(256 << 20)
      printf '{"type":"user","message":{"content":"'; head -c 8000000 /dev/zero | tr '\\0' y; printf '"}}\\n'
      cat '\(Sandbox.agentFixture("claude/stream-success.jsonl"))'
      """)
    try box.role("worker", #"{"provider": {"kind": "claude"}}"#)
    try box.createLive("j")
    let (step, peak) = try measuredStep(box)
    #expect(step.status == 0, "\(step.stderr)")
    #expect(peak < Self.memoryLimitKB, "logist peaked at \(peak) KB")
    #expect(try box.manifest("j")["currentPhase"] as? String == "review", "the result's response counts")
    #expect(abs(try box.ledgerSum("j", "costUSD") - 0.0189534) < 1e-9, "the result's cost reaches the ledger")
    let end = String(decoding: try log(box).suffix(4096), as: UTF8.self)
    #expect(end.contains("=== logist: 1 line(s) longer than 1 MiB reached the parser cut"), "\(end)")
  }

  @Test func aLogistKilledMidRunLeavesTheHeadAndTheLineSayingTheRestWasHeldBack() throws {
    let box = try box(
      """
      yes 'line of agent output' | head -c 3000000
      sleep 3
      """, provider: #", "logLimitBytes": 1048576"#)
    let running = try box.start(
      ["--jobs-dir", box.jobs.path, "--roles-dir", box.rolesDir.path, "job", "step", "j"],
      environment: box.agentEnvironment())
    try waitFor("agent.log to overflow", timeout: 30) { box.agentLog("j").contains("is over its limit") }
    kill(running.process.processIdentifier, SIGKILL)
    running.process.waitUntilExit()
    let text = box.agentLog("j")
    #expect(text.hasPrefix("=== logist: command: ") && text.contains(")\nline of agent output\n"), "the head stays")
    #expect(text.hasSuffix("the output that follows only the last 512 KiB is kept, written when it ends\n"))
    #expect(!text.contains("bytes of output dropped"), "the tail held in memory is lost with its marker")
  }

  @Test func aLimitBelowTheMinimumIsAOneLineErrorNamingTheField() throws {
    let box = try Sandbox()
    try box.script("roles/agent.sh", "true")
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"], "logLimitBytes": 100}}"#)
    let created = try box.live(["job", "create", "j", "--from", Sandbox.template("hello-world").path])
    #expect(created.status != 0)
    #expect(created.stderr.contains("logLimitBytes"), "\(created.stderr)")
  }
}
