import Foundation
import LogistCore

/// The agent-output fixtures in Tests/Fixtures/agents, fed to parsers the way the runner delivers them.
enum FormatFixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/agents")

  /// The text of `Tests/Fixtures/agents/<name>`.
  static func text(_ name: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
  }

  /// Feeds `stdout` and `stderr` in odd-sized chunks through a ``LineSplitter``, as a live run would.
  static func run<P: AgentOutputParser>(
    _ parser: P, stdout: String, stderr: String = "", exit: Int32?? = .some(0), chunk: Int = 97
  ) -> P {
    var parser = parser
    for (text, isError) in [(stdout, false), (stderr, true)] {
      var splitter = LineSplitter()
      let bytes = Data(text.utf8)
      var offset = 0
      while offset < bytes.count {
        let piece = bytes[offset..<min(offset + chunk, bytes.count)]
        splitter.feed(Data(piece)) { parser.feed($0, isError: isError) }
        offset += chunk
      }
      if let last = splitter.finish() { parser.feed(last, isError: isError) }
    }
    if case .some(let code) = exit { parser.finish(exitCode: code) }
    return parser
  }

  /// A fixture file fed to a parser.
  static func file<P: AgentOutputParser>(_ parser: P, _ name: String, exit: Int32?? = .some(0)) throws -> P {
    run(parser, stdout: try text(name), exit: exit)
  }
}
