import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// Writes to standard output and error without ever trapping: a reader that went away (`logist … | head`)
/// gets no more output, and the command carries on (Foundation's `FileHandle.write` traps on EPIPE).
enum Console {
  /// Writes `text` to standard output; a closed pipe is ignored.
  static func out(_ text: String) { write(STDOUT_FILENO, text) }

  /// Writes `text` to standard error; a closed pipe is ignored.
  static func err(_ text: String) { write(STDERR_FILENO, text) }

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
