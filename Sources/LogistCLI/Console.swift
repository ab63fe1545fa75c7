import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// Writes to standard output and error without ever trapping: a reader that went away (`logist … | head`)
/// gets no more output, and the command carries on (Foundation's `FileHandle.write` traps on EPIPE).
///
/// This is the one boundary where text output is written, and everything written through it is made
/// visible with ``TerminalText/visible(_:newlines:)`` (newlines and tabs kept): an agent's summary, a file
/// name or a log line cannot clear the screen, set the title or overwrite a line, whatever command
/// prints it. JSON output goes through unchanged in meaning (see ``TerminalText``). The live status
/// line's own cursor movements are the only raw bytes, through ``control(_:)``.
enum Console {
  /// The terminal sequences logist itself writes.
  enum Control {
    /// Back to the start of the line and clear it (`\r`, `ESC[K`).
    case clearLine
    /// Up `n` lines and clear from there to the end of the screen (`ESC[nA`, `ESC[J`).
    case eraseLinesAbove(Int)

    /// The bytes of the sequence.
    var sequence: String {
      switch self {
      case .clearLine: return "\r\u{1B}[K"
      case .eraseLinesAbove(let count): return count > 0 ? "\u{1B}[\(count)A\u{1B}[J" : ""
      }
    }
  }

  /// Writes `text` to standard output, controls made visible; a closed pipe is ignored.
  static func out(_ text: String) { write(STDOUT_FILENO, TerminalText.visible(text, newlines: true)) }

  /// Writes `text` to standard error, controls made visible; a closed pipe is ignored.
  static func err(_ text: String) { write(STDERR_FILENO, TerminalText.visible(text, newlines: true)) }

  /// Writes one of logist's own terminal sequences to standard error.
  static func control(_ sequence: Control) { write(STDERR_FILENO, sequence.sequence) }

  /// Writes bytes that are output in their own right (a diff, a patch): exact when standard output is
  /// a pipe or a file, made visible (invalid UTF-8 as `\xff`) when it is a terminal.
  static func data(_ data: Data) throws(LogistError) {
    guard isatty(STDOUT_FILENO) == 1 else { return try StandardOutput.write(data) }
    out(TerminalText.decode(data))
  }

  private static func write(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
    bytes.removeAll()
  }
}
