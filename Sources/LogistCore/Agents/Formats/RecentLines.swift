import Foundation

/// The last few non-blank lines of a stream, to quote in a failure message: kept as bytes (their first
/// ``FormatText/quoteLength``), turned into text (trimmed, ANSI codes removed) only when read, so
/// millions of lines cost little.
struct RecentLines: Sendable {
  /// Lines kept.
  let keep: Int
  private var lines: [[UInt8]] = []

  /// Keeps the last `keep` lines.
  init(keep: Int = 20) { self.keep = max(keep, 1) }

  /// Remembers `line` unless it is blank.
  mutating func remember(_ line: Data) {
    guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
    lines.append(Array(line.prefix(FormatText.quoteLength)))
    if lines.count >= 2 * keep { lines.removeFirst(lines.count - keep) }
  }

  /// The last `count` lines as text, oldest first.
  func suffix(_ count: Int) -> [String] {
    lines.suffix(min(count, keep)).map {
      FormatText.stripANSI(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces))
    }
  }
}
