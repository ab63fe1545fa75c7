/// One way a document breaks its schema.
public struct SchemaViolation: Equatable, Sendable, CustomStringConvertible {
  /// The key path of the offending place in the document: `""` for the root, otherwise like
  /// `phases[1].maxAttempts`, `limits.warnAt` or `history[0].usage.costUSD`. Object keys that are
  /// not identifiers (`[A-Za-z_][A-Za-z0-9_]*`) render as `["weird key"]`.
  public let path: String
  /// What is wrong there, e.g. `expected an integer` or `missing required key`.
  public let message: String

  /// Creates a violation at `path` with `message`.
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  /// `path: message`, with the root shown as `top level`, e.g. `phases[1].maxAttempts: expected an integer`.
  public var description: String {
    "\(path.isEmpty ? "top level" : path): \(message)"
  }
}

/// One step of a location inside a JSON document.
enum JSONPathComponent: Hashable, Comparable, Sendable {
  /// An array element.
  case index(Int)
  /// An object member.
  case key(String)

  /// Renders a path such as `phases[1].maxAttempts` or `labels["a b"]`; the root is `""`.
  static func render(_ components: [JSONPathComponent]) -> String {
    var result = ""
    for component in components {
      switch component {
      case .index(let index):
        result += "[\(index)]"
      case .key(let key) where isIdentifier(key):
        result += result.isEmpty ? key : "." + key
      case .key(let key):
        result += "[\(JSONValue.string(key).serialized(pretty: false))]"
      }
    }
    return result
  }

  private static func isIdentifier(_ key: String) -> Bool {
    guard let first = key.utf8.first, !isDigit(first) else { return false }
    return key.utf8.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "_") }
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }
}
