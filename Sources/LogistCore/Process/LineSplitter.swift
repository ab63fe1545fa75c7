import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Turns chunks of output into lines, keeping a line split across chunks until its end arrives, in
/// bounded memory: a line up to ``limit`` bytes comes whole; a longer one comes cut
/// (``OutputLine/isCut``) to its first ``headLength`` bytes and its last ``limit`` bytes, with the
/// count of those dropped between them, so a response printed at the end of a huge line is still
/// found. Lines come without their `\n` (and without a `\r` before it).
public struct LineSplitter: Sendable {
  /// The longest line kept whole, unless another is given: 1 MiB.
  public static let defaultLimit = 1 << 20
  /// Bytes kept from the start of a cut line.
  public static let headLength = 4096
  /// The longest line kept whole, and how much of the end of a longer line is kept.
  public let limit: Int
  /// The current line so far; its first ``headLength`` bytes once it is cut.
  private var pending: [UInt8] = []
  /// The end of the current line once it is longer than ``limit``.
  private var tail: TailBuffer?

  /// An empty splitter keeping lines up to `limit` bytes whole (at least ``headLength``).
  public init(limit: Int = defaultLimit) { self.limit = max(limit, Self.headLength) }

  /// Bytes received but not yet ended by a newline, as far as they are held.
  public var pendingCount: Int { pending.count + (tail?.count ?? 0) }

  /// Hands `body` each line `chunk` ends, in order.
  public mutating func feed(_ chunk: Data, _ body: (OutputLine) -> Void) {
    chunk.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return }
      var start = 0
      while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
        let newline = base.distance(to: UnsafeRawPointer(found))
        let length = newline - start
        if pending.isEmpty && tail == nil && length <= limit {
          var end = newline
          if length > 0 && raw[newline - 1] == 0x0D { end -= 1 }
          body(OutputLine(chunk[(chunk.startIndex + start)..<(chunk.startIndex + end)]))
        } else {
          absorb(UnsafeRawBufferPointer(start: base + start, count: length))
          body(takeLine())
        }
        start = newline + 1
      }
      if start < raw.count { absorb(UnsafeRawBufferPointer(start: base + start, count: raw.count - start)) }
    }
  }

  /// The complete lines `chunk` ends, in order (``feed(_:_:)`` collected).
  public mutating func feed(_ chunk: Data) -> [OutputLine] {
    var lines: [OutputLine] = []
    feed(chunk) { lines.append($0) }
    return lines
  }

  /// The last line when the output did not end with a newline (nil when it did); empties the splitter.
  public mutating func finish() -> OutputLine? {
    guard !pending.isEmpty || tail != nil else { return nil }
    return takeLine()
  }

  /// ``feed(_:)`` with the lines decoded as UTF-8 (invalid bytes become U+FFFD; cut lines give their first bytes).
  public mutating func feedText(_ chunk: Data) -> [String] {
    feed(chunk).map { String(decoding: $0.bytes, as: UTF8.self) }
  }

  /// Adds bytes of the current line: to `pending` while the line fits, else to its head and tail.
  private mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    if tail == nil && pending.count + bytes.count <= limit {
      pending.append(
        contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count))
      return
    }
    if tail == nil {
      var cut = TailBuffer(capacity: limit)
      if pending.count > Self.headLength {
        pending.withUnsafeBytes { cut.append(UnsafeRawBufferPointer(rebasing: $0[Self.headLength...])) }
        pending.removeSubrange(Self.headLength...)
      }
      tail = cut
    }
    var rest = bytes
    if pending.count < Self.headLength {
      let fits = min(Self.headLength - pending.count, rest.count)
      pending.append(contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: fits))
      rest = UnsafeRawBufferPointer(rebasing: rest[fits...])
    }
    tail?.append(rest)
  }

  /// The current line, with a final `\r` removed; empties the splitter.
  private mutating func takeLine() -> OutputLine {
    defer {
      pending.removeAll(keepingCapacity: pending.capacity <= 64 * 1024)
      tail = nil
    }
    guard let tail else {
      if pending.last == 0x0D { pending.removeLast() }
      return OutputLine(Data(pending))
    }
    var end = tail.data
    if end.last == 0x0D { end.removeLast() }
    if end.isEmpty && pending.last == 0x0D { pending.removeLast() }
    return OutputLine(head: Data(pending), tail: end, dropped: tail.dropped)
  }
}
