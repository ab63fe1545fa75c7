import Foundation

/// Where one agent process's output goes as it arrives: secrets redacted, appended to `agent.log`
/// (``AgentLog``), split into lines fed to the provider's parser, and its running usage reported to
/// the meter and the status board. Every stage keeps bounded state, so any amount or shape of output
/// (one huge line, binary, no final newline) streams through in bounded memory.
final class AgentOutputSink: @unchecked Sendable {
  private let lock = NSLock()
  private var parser: any AgentOutputParser
  private let log: AgentLog
  private var stdout: Stream
  private var stderr: Stream
  private let report: (@Sendable (Usage, String?, Bool) -> Void)?
  private let activity: AgentActivity?
  private var reported = Usage.zero
  private var nextActivity: UInt64 = 0
  private var cutLines = 0

  /// One output stream's state: its redaction and its line splitting.
  private struct Stream {
    var redacting: RedactingStream
    var splitter = LineSplitter()
  }

  /// A sink feeding `parser`; `report(total, model, costReported)` gets the parser's running usage when it
  /// changes.
  init(
    parser: any AgentOutputParser, log: AgentLog, redactor: SecretRedactor, activity: AgentActivity?,
    report: (@Sendable (Usage, String?, Bool) -> Void)?
  ) {
    self.parser = parser
    self.log = log
    self.stdout = Stream(redacting: redactor.stream())
    self.stderr = Stream(redacting: redactor.stream())
    self.activity = activity
    self.report = report
  }

  /// Takes one chunk from the runner (never two at once).
  func receive(_ channel: OutputChannel, _ chunk: Data) {
    lock.lock()
    defer { lock.unlock() }
    if channel == .stdout {
      take(stdout.redacting.feed(chunk), from: &stdout, .stdout)
    } else {
      take(stderr.redacting.feed(chunk), from: &stderr, .stderr)
    }
  }

  /// Flushes what is held back, tells the parser how the process ended, and returns the parser.
  func finish(exitCode: Int32?) -> any AgentOutputParser {
    lock.lock()
    defer { lock.unlock() }
    take(stdout.redacting.finish(), from: &stdout, .stdout)
    take(stderr.redacting.finish(), from: &stderr, .stderr)
    if let last = stdout.splitter.finish() { line(last, .stdout) }
    if let last = stderr.splitter.finish() { line(last, .stderr) }
    log.endLines()
    if cutLines > 0 {
      log.note(
        "\(cutLines) line(s) longer than \(CappedLog.size(LineSplitter.defaultLimit)) reached the parser cut to "
          + "their first \(CappedLog.size(LineSplitter.headLength)) and last \(CappedLog.size(LineSplitter.defaultLimit))"
      )
    }
    parser.finish(exitCode: exitCode)
    publish()
    return parser
  }

  private func take(_ clean: Data, from stream: inout Stream, _ channel: OutputChannel) {
    guard !clean.isEmpty else { return }
    log.write(channel, clean)
    stream.splitter.feed(clean) { line($0, channel) }
  }

  private func line(_ line: OutputLine, _ channel: OutputChannel) {
    if line.isCut { cutLines += 1 }
    parser.feed(line, isError: channel == .stderr)
    publish()
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
