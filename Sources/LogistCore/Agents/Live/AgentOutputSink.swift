import Foundation

/// Where one agent process's output goes as it arrives: secrets redacted, whole lines appended to
/// `agent.log` (standard error lines marked `[stderr] `), fed to the provider's parser, and its
/// running usage reported to the meter and the status board.
final class AgentOutputSink: @unchecked Sendable {
  private let lock = NSLock()
  private var parser: any AgentOutputParser
  private let log: AgentLog
  private var streams: [OutputChannel: RedactingStream]
  private var splitters: [OutputChannel: LineSplitter] = [.stdout: LineSplitter(), .stderr: LineSplitter()]
  private let report: (@Sendable (Usage, String?, Bool) -> Void)?
  private let activity: AgentActivity?
  private var reported = Usage.zero
  private var nextActivity: UInt64 = 0

  /// A sink feeding `parser`; `report(total, model, costReported)` gets the parser's running usage when it
  /// changes.
  init(
    parser: any AgentOutputParser, log: AgentLog, redactor: SecretRedactor, activity: AgentActivity?,
    report: (@Sendable (Usage, String?, Bool) -> Void)?
  ) {
    self.parser = parser
    self.log = log
    self.streams = [.stdout: redactor.stream(), .stderr: redactor.stream()]
    self.activity = activity
    self.report = report
  }

  /// Takes one chunk from the runner (never two at once).
  func receive(_ channel: OutputChannel, _ chunk: Data) {
    lock.lock()
    defer { lock.unlock() }
    let clean = streams[channel]?.feed(chunk) ?? Data()
    let lines = splitters[channel]?.feed(clean) ?? []
    take(lines, channel)
  }

  /// Flushes what is held back, tells the parser how the process ended, and returns the parser.
  func finish(exitCode: Int32?) -> any AgentOutputParser {
    lock.lock()
    defer { lock.unlock() }
    for channel in [OutputChannel.stdout, .stderr] {
      let rest = streams[channel]?.finish() ?? Data()
      var lines = splitters[channel]?.feed(rest) ?? []
      if let last = splitters[channel]?.finish() { lines.append(last) }
      take(lines, channel)
    }
    parser.finish(exitCode: exitCode)
    publish()
    return parser
  }

  private func take(_ lines: [Data], _ channel: OutputChannel) {
    guard !lines.isEmpty else { return }
    var text = Data()
    for line in lines {
      if channel == .stderr {
        text.append(contentsOf: "[stderr] ".utf8)
        parser.feed(errorLine: line)
      } else {
        parser.feed(line: line)
      }
      text.append(line)
      text.append(0x0A)
      publish()
    }
    log.append(text)
  }

  /// Reports usage when it changed; refreshes the status board at most every 0.2 s.
  private func publish() {
    let usage = parser.usage
    if usage != reported {
      reported = usage
      report?(usage, parser.model, parser.reportedCostUSD != nil)
    }
    guard let activity else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    if now >= nextActivity {
      nextActivity = now + 200_000_000
      activity.update(usage: usage, lastActivity: parser.lastActivity)
    }
  }
}

/// `runs/NNNN-<phase>/agent.log`, appended to as output arrives (already redacted).
final class AgentLog: @unchecked Sendable {
  private let handle: FileHandle?
  /// The path shown to the user, relative to the job (`runs/0001-implement/agent.log`).
  let display: String

  /// Opens (creating) the log in `runDirectory`.
  init(runDirectory: URL) {
    let url = runDirectory.appendingPathComponent("agent.log")
    if !FileManager.default.fileExists(atPath: url.path) {
      FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
    }
    handle = try? FileHandle(forWritingTo: url)
    _ = try? handle?.seekToEnd()
    display = "runs/\(runDirectory.lastPathComponent)/agent.log"
  }

  deinit { try? handle?.close() }

  /// Appends bytes.
  func append(_ data: Data) { try? handle?.write(contentsOf: data) }

  /// Appends one line of Logist's own (`=== logist: …`).
  func note(_ text: String) { append(Data("=== logist: \(text)\n".utf8)) }
}
