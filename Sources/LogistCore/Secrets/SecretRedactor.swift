import Foundation

/// Replaces secrets by `[redacted]` in text or bytes: by value and by shape.
///
/// By value: the values of secret-looking environment variables (see ``looksSecret(_:)``), of the
/// variables named in `LOGIST_REDACT` (comma-separated names or globs) and in the role's
/// `provider.redact`, and the passwords of URLs (`scheme://user:password@`) in any variable's value.
/// Values shorter than ``minimumLength`` are ignored (they would match by accident everywhere). Each
/// value is also matched in its JSON-escaped form, as it appears in the JSON lines agents print.
///
/// By shape, whatever their source (``SecretShapes``): API tokens of Anthropic, OpenAI, GitHub, GitLab
/// and Slack, AWS access key ids, JWTs, PEM private key blocks, and the password of any URL with
/// credentials. Use ``stream()`` for output that arrives in chunks.
public struct SecretRedactor: Sendable {
  /// What a secret is replaced by.
  public static let replacement = "[redacted]"
  /// Shortest value treated as a secret.
  public static let minimumLength = 4

  /// Byte patterns to replace, longest first.
  let patterns: [[UInt8]]
  /// `starts[b]` is true when some pattern or shape starts with byte `b`.
  let starts: [Bool]
  /// `literalStarts[b]` is true when some pattern starts with byte `b`.
  let literalStarts: [Bool]

  /// A redactor for the secret-looking variables of `environment` (and of `more`, a container's
  /// variables), those named in `LOGIST_REDACT` and those matching `names` (a role's
  /// `provider.redact`: names or globs), and the URL passwords in any of their values.
  public init(environment: [String: String], names: [String] = [], more: [String: String] = [:]) {
    let listed =
      names
      + (environment["LOGIST_REDACT"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    var secrets: [String] = []
    for (name, value) in Array(environment) + Array(more) {
      if Self.looksSecret(name) || AgentEnvironment.isDenied(name, listed) { secrets.append(value) }
      if value.contains("://") { secrets += URLCredentials.passwords(in: value) }
    }
    self.init(secrets: secrets)
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
    var literalStarts = [Bool](repeating: false, count: 256)
    for pattern in self.patterns { literalStarts[Int(pattern[0])] = true }
    self.literalStarts = literalStarts
    self.starts = zip(literalStarts, SecretShapes.starts).map { $0 || $1 }
  }

  /// Whether a variable of this name holds a secret: its name (in any case) ends in `_KEY`, `_TOKEN`,
  /// `_SECRET`, `_PWD`, `_PASS`, `_PAT` or `APIKEY`, or contains `PASSWORD`, `PASSWD` or `CREDENTIAL`.
  public static func looksSecret(_ name: String) -> Bool {
    let upper = name.uppercased()
    return ["_KEY", "_TOKEN", "_SECRET", "_PWD", "_PASS", "_PAT", "APIKEY"].contains { upper.hasSuffix($0) }
      || ["PASSWORD", "PASSWD", "CREDENTIAL"].contains { upper.contains($0) }
  }

  /// The longest stretch of output ``RedactingStream`` may hold back.
  var window: Int { max(SecretShapes.window, patterns.first?.count ?? 0) }

  /// `data` with every secret replaced.
  public func redact(_ data: Data) -> Data {
    Data(scan([UInt8](data), final: true).output)
  }

  /// `text` with every secret replaced.
  public func redact(_ text: String) -> String {
    String(decoding: scan(Array(text.utf8), final: true).output, as: UTF8.self)
  }

  /// A stream that redacts chunks, holding back a tail that may be the start of a secret.
  public func stream() -> RedactingStream { RedactingStream(redactor: self) }

  /// Replaces the secrets in `bytes` from `start` (the bytes before it are context already written,
  /// for the shapes that must not follow a letter). Unless `final`, stops at the first position where
  /// the rest of `bytes` may be the beginning of a secret and returns that rest as `held`. Runs of
  /// bytes that cannot start a secret are copied in bulk.
  func scan(_ bytes: [UInt8], final: Bool, from start: Int = 0) -> (output: [UInt8], held: [UInt8]) {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var held: [UInt8] = []
    bytes.withUnsafeBufferPointer { buffer in
      starts.withUnsafeBufferPointer { starts in
        var index = start
        var copied = start
        scanning: while index < buffer.count {
          guard starts[Int(buffer[index])] else {
            index += 1
            continue
          }
          let available = buffer.count - index
          for pattern in patterns where literalStarts[Int(buffer[index])] && pattern[0] == buffer[index] {
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
          if SecretShapes.starts[Int(buffer[index])] {
            switch SecretShapes.match(buffer, at: index, final: final) {
            case .none: break
            case .partial:
              output.append(contentsOf: buffer[copied..<index])
              held = Array(buffer[index...])
              return
            case .match(let end, let replacement):
              output.append(contentsOf: buffer[copied..<index])
              output.append(contentsOf: replacement)
              index = end
              copied = index
              continue scanning
            }
          }
          index += 1
        }
        output.append(contentsOf: buffer[copied...])
      }
    }
    return (output, held)
  }
}

/// Redacts output chunk by chunk: a secret split across two chunks is still replaced. What it holds
/// back is at most the redactor's window (the longest secret value, or 16 KiB for a PEM block).
public struct RedactingStream: Sendable {
  let redactor: SecretRedactor
  private var held: [UInt8] = []
  /// The last bytes released, for the shapes that must not follow a letter.
  private var context: [UInt8] = []

  init(redactor: SecretRedactor) { self.redactor = redactor }

  /// The redacted bytes that can be released after `chunk` (possibly fewer than came in).
  public mutating func feed(_ chunk: Data) -> Data {
    let result = redactor.scan(context + held + [UInt8](chunk), final: false, from: context.count)
    held = result.held
    context = Array((context + result.output).suffix(2))
    return Data(result.output)
  }

  /// What is still held back, redacted; call at the end of the stream.
  public mutating func finish() -> Data {
    let result = redactor.scan(context + held, final: true, from: context.count)
    held = []
    return Data(result.output)
  }
}
