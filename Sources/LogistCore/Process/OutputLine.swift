import Foundation

/// One line of a child's output, as a ``LineSplitter`` hands it over: whole, or, when it is longer
/// than the splitter keeps, cut to its first and last bytes.
public struct OutputLine: Sendable, Equatable {
  /// The whole line without its newline or, for a cut line, its first bytes.
  public var bytes: Data
  /// The last bytes of a cut line (empty for a whole one).
  public var tail: Data
  /// How many bytes of a cut line are in neither ``bytes`` nor ``tail``.
  public var dropped: Int
  /// Whether the line was longer than the splitter's limit.
  public var isCut: Bool

  /// A whole line.
  public init(_ bytes: Data) {
    self.bytes = bytes
    tail = Data()
    dropped = 0
    isCut = false
  }

  /// A cut line: its first bytes, its last bytes, and how many were dropped between them.
  public init(head: Data, tail: Data, dropped: Int) {
    bytes = head
    self.tail = tail
    self.dropped = dropped
    isCut = true
  }

  /// The line's length as the child printed it.
  public var length: Int { bytes.count + dropped + tail.count }
}
