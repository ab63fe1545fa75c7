import Foundation

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
  /// of `bytes` is the beginning of a secret and returns that rest as `held`.
  func scan(_ bytes: [UInt8], final: Bool) -> (output: [UInt8], held: [UInt8]) {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    scanning: while index < bytes.count {
      let byte = bytes[index]
      if starts[Int(byte)] {
        let available = bytes.count - index
        for pattern in patterns where pattern[0] == byte {
          if available >= pattern.count {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) {
              output.append(contentsOf: Self.replacement.utf8)
              index += pattern.count
              continue scanning
            }
          } else if !final && bytes[index...].elementsEqual(pattern[0..<available]) {
            return (output, Array(bytes[index...]))
          }
        }
      }
      output.append(byte)
      index += 1
    }
    return (output, [])
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
