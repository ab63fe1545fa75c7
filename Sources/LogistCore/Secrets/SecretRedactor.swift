import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Replaces the values of secret-looking environment variables by `[redacted]` in text or bytes.
///
/// A variable looks secret when its name (in any case) ends in `_KEY`, `_TOKEN` or `_SECRET`, or
/// contains `PASSWORD`. Values shorter than ``minimumLength`` are ignored (they would match by
/// accident everywhere). Each value is also matched in its JSON-escaped form, as it appears in
/// the JSON lines agents print. Use ``stream()`` for output that arrives in chunks.
public struct SecretRedactor: Sendable {
  /// What a secret is replaced by.
  public static let replacement = "[redacted]"
  /// Shortest value treated as a secret.
  public static let minimumLength = 4

  /// Byte patterns to replace, longest first.
  let patterns: [[UInt8]]
  /// `starts[b]` is true when some pattern starts with byte `b`.
  let starts: [Bool]
  /// For each pattern, the offset of its rarest-looking byte, searched for with `memchr`.
  let anchors: [Int]
  /// The longest pattern's length.
  let longest: Int

  /// A redactor for the secret-looking variables of `environment`.
  public init(environment: [String: String]) {
    self.init(secrets: environment.filter { Self.looksSecret($0.key) }.map(\.value))
  }

  /// A redactor for these exact values (shorter ones than ``minimumLength`` are ignored).
  public init(secrets: [String]) {
    var patterns = Set<[UInt8]>()
    for secret in secrets where secret.utf8.count >= Self.minimumLength {
      patterns.insert(Array(secret.utf8))
      let escaped = JSONValue.string(secret).description.dropFirst().dropLast()
      patterns.insert(Array(escaped.utf8))
    }
    self.patterns = patterns.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    var starts = [Bool](repeating: false, count: 256)
    for pattern in self.patterns { starts[Int(pattern[0])] = true }
    self.starts = starts
    anchors = self.patterns.map { pattern in
      pattern.indices.min { Self.commonness(pattern[$0]) < Self.commonness(pattern[$1]) } ?? 0
    }
    longest = self.patterns.first?.count ?? 0
  }

  /// How often a byte shows up in typical output, roughly: lower is rarer.
  static func commonness(_ byte: UInt8) -> Int {
    switch byte {
    case 0x61...0x7A, 0x20, 0x0A, 0x22, 0x2C, 0x3A, 0x7B, 0x7D: 5
    case 0x30...0x39: 4
    case 0x21...0x7E where !(0x41...0x5A).contains(byte): 3
    case 0x41...0x5A: 2
    default: 1
    }
  }

  /// Whether a variable of this name holds a secret.
  public static func looksSecret(_ name: String) -> Bool {
    let upper = name.uppercased()
    return upper.hasSuffix("_KEY") || upper.hasSuffix("_TOKEN") || upper.hasSuffix("_SECRET")
      || upper.contains("PASSWORD")
  }

  /// Whether there is nothing to redact.
  public var isEmpty: Bool { patterns.isEmpty }

  /// `data` with every secret replaced.
  public func redact(_ data: Data) -> Data {
    guard !isEmpty else { return data }
    return Data(scan([UInt8](data), final: true).output)
  }

  /// `text` with every secret replaced.
  public func redact(_ text: String) -> String {
    guard !isEmpty else { return text }
    return String(decoding: scan(Array(text.utf8), final: true).output, as: UTF8.self)
  }

  /// A stream that redacts chunks, holding back a tail that may be the start of a secret.
  public func stream() -> RedactingStream { RedactingStream(redactor: self) }

  /// Replaces the secrets in `bytes`. Unless `final`, stops at the first position where the rest
  /// of `bytes` is the beginning of a secret and returns that rest as `held`. Up to the last
  /// (longest − 1) bytes, where no secret can be cut off, each secret is found with `memchr` on its
  /// rarest byte; the rest is checked byte by byte. The leftmost match wins, the longest at a tie.
  func scan(_ bytes: [UInt8], final: Bool) -> (output: [UInt8], held: [UInt8]) {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var held: [UInt8] = []
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let bulk = final ? buffer.count : max(buffer.count - longest + 1, 0)
      var copied = 0
      var index = 0
      var next = patterns.indices.map { find($0, in: buffer, from: 0, before: bulk) }
      while let (match, k) = Self.leftmost(next) {
        output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: match - copied))
        output.append(contentsOf: Self.replacement.utf8)
        index = match + patterns[k].count
        copied = index
        for other in next.indices where (next[other] ?? Int.max) < index {
          next[other] = find(other, in: buffer, from: index, before: bulk)
        }
      }
      index = max(index, bulk)
      starts.withUnsafeBufferPointer { starts in
        scanning: while index < buffer.count {
          guard starts[Int(buffer[index])] else {
            index += 1
            continue
          }
          let available = buffer.count - index
          for pattern in patterns where pattern[0] == buffer[index] {
            if available >= pattern.count {
              if buffer[index..<index + pattern.count].elementsEqual(pattern) {
                output.append(contentsOf: buffer[copied..<index])
                output.append(contentsOf: Self.replacement.utf8)
                index += pattern.count
                copied = index
                continue scanning
              }
            } else if !final && buffer[index...].elementsEqual(pattern[0..<available]) {
              output.append(contentsOf: buffer[copied..<index])
              held = Array(buffer[index...])
              return
            }
          }
          index += 1
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: buffer.count - copied))
      }
    }
    return (output, held)
  }

  /// Where pattern `k` first starts in full in `buffer`, at `from` or later and before `before`.
  private func find(_ k: Int, in buffer: UnsafeBufferPointer<UInt8>, from: Int, before: Int) -> Int? {
    guard let base = buffer.baseAddress else { return nil }
    let pattern = patterns[k]
    let anchor = anchors[k]
    var start = from
    while start < before && start + pattern.count <= buffer.count {
      let searched = start + anchor
      guard let hit = memchr(base + searched, Int32(pattern[anchor]), buffer.count - searched) else { return nil }
      start = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit)) - anchor
      guard start < before && start + pattern.count <= buffer.count else { return nil }
      if memcmp(base + start, pattern, pattern.count) == 0 { return start }
      start += 1
    }
    return nil
  }

  /// The smallest position in `next` and its pattern (the first, so the longest, at a tie).
  private static func leftmost(_ next: [Int?]) -> (Int, Int)? {
    var best: (Int, Int)?
    for (k, position) in next.enumerated() {
      if let position, position < (best?.0 ?? Int.max) { best = (position, k) }
    }
    return best
  }
}

/// Redacts output chunk by chunk: a secret split across two chunks is still replaced.
public struct RedactingStream: Sendable {
  let redactor: SecretRedactor
  private var held: [UInt8] = []

  init(redactor: SecretRedactor) { self.redactor = redactor }

  /// The redacted bytes that can be released after `chunk` (possibly fewer than came in).
  public mutating func feed(_ chunk: Data) -> Data {
    guard !redactor.isEmpty else { return chunk }
    let result = redactor.scan(held + [UInt8](chunk), final: false)
    held = result.held
    return Data(result.output)
  }

  /// What is still held back, redacted; call at the end of the stream.
  public mutating func finish() -> Data {
    let result = redactor.scan(held, final: true)
    held = []
    return Data(result.output)
  }
}
