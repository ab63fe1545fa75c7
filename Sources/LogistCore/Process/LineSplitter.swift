import Foundation

/// Turns chunks of output into complete lines, keeping a line split across chunks until its end
/// arrives. Lines are returned without their `\n` (and without a `\r` before it).
public struct LineSplitter: Sendable {
  private var pending: [UInt8] = []

  /// An empty splitter.
  public init() {}

  /// Bytes received but not yet ended by a newline.
  public var pendingCount: Int { pending.count }

  /// The complete lines `chunk` finishes, in order.
  public mutating func feed(_ chunk: Data) -> [Data] {
    guard let lastNewline = chunk.lastIndex(of: 0x0A) else {
      pending.append(contentsOf: chunk)
      return []
    }
    var lines: [Data] = []
    var start = chunk.startIndex
    while let newline = chunk[start...lastNewline].firstIndex(of: 0x0A) {
      var line = Data(pending)
      pending.removeAll(keepingCapacity: true)
      line.append(chunk[start..<newline])
      if line.last == 0x0D { line.removeLast() }
      lines.append(line)
      start = newline + 1
      if start > lastNewline { break }
    }
    pending.append(contentsOf: chunk[start...])
    return lines
  }

  /// The last line when the output did not end with a newline (nil when it did); empties the splitter.
  public mutating func finish() -> Data? {
    guard !pending.isEmpty else { return nil }
    var line = Data(pending)
    pending.removeAll()
    if line.last == 0x0D { line.removeLast() }
    return line
  }

  /// ``feed(_:)`` with the lines decoded as UTF-8 (invalid bytes become U+FFFD).
  public mutating func feedText(_ chunk: Data) -> [String] {
    feed(chunk).map { String(decoding: $0, as: UTF8.self) }
  }
}
