import Foundation

/// A parsed JSON document.
///
/// Integers and doubles are kept apart: a JSON number without a fraction or exponent that fits
/// in `Int` is `.int` (so `-0` is `.int(0)`); every other number, including integers too large
/// for `Int`, is `.double`.
public enum JSONValue: Equatable, Sendable {
  /// JSON `null`.
  case null
  /// JSON `true` or `false`.
  case bool(Bool)
  /// A number written without fraction or exponent that fits in `Int`.
  case int(Int)
  /// Any other number.
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; key order is not kept (serialization sorts keys).
  case object([String: JSONValue])
}

extension JSONValue {
  /// Parses UTF-8 JSON bytes.
  ///
  /// Strict RFC 8259: exactly one value with optional surrounding whitespace (and an optional
  /// leading UTF-8 byte order mark); no trailing commas, comments or single quotes; duplicate
  /// keys, invalid UTF-8, unpaired surrogate escapes and nesting deeper than 512 are errors.
  /// - Throws: a ``JSONParseError`` with the 1-based line and byte column of the problem.
  public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
    var parser = JSONParser(bytes: [UInt8](data))
    return try parser.parseDocument()
  }

  /// Parses JSON text; see ``parse(_:)-(Data)``.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    var parser = JSONParser(bytes: Array(text.utf8))
    return try parser.parseDocument()
  }

  // MARK: - Accessors

  /// The member named `key` if this is an object that has it, otherwise nil.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The element at `index` if this is an array that long, otherwise nil.
  public subscript(index: Int) -> JSONValue? {
    if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
    return nil
  }

  /// The string if this is `.string`, otherwise nil.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The boolean if this is `.bool`, otherwise nil.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The integer if this is `.int`, or a `.double` with no fractional part that fits in `Int`; otherwise nil.
  public var intValue: Int? {
    switch self {
    case .int(let value): return value
    case .double(let value): return Int(exactly: value)
    default: return nil
    }
  }

  /// The number as a `Double` if this is `.int` or `.double`, otherwise nil.
  public var doubleValue: Double? {
    switch self {
    case .int(let value): return Double(value)
    case .double(let value): return value
    default: return nil
    }
  }

  /// The members if this is `.object`, otherwise nil.
  public var objectValue: [String: JSONValue]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The elements if this is `.array`, otherwise nil.
  public var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The JSON Schema name of this value's type: "null", "boolean", "integer", "number", "string", "array" or "object".
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .int: "integer"
    case .double: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  // MARK: - Serialization

  /// Serializes the value as JSON text with object keys sorted.
  ///
  /// Pretty output matches `JSONEncoder`'s `[.prettyPrinted, .sortedKeys]`: two-space indent and
  /// `"key" : value`; empty containers print as `[]` and `{}`; there is no trailing newline.
  /// Compact output has no whitespace at all. Slashes are not escaped, non-ASCII text is written
  /// as is, integers print plainly and doubles via `Double.description` (`0.012`, `2.0`, `1e+20`),
  /// which round-trips. Non-finite doubles (never produced by ``parse(_:)-(Data)``) print as `null`.
  public func serialized(pretty: Bool = true) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(128)
    write(to: &output, pretty: pretty, indent: 0)
    return String(decoding: output, as: UTF8.self)
  }

  private func write(to output: inout [UInt8], pretty: Bool, indent: Int) {
    switch self {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): output.append(contentsOf: String(value).utf8)
    case .double(let value):
      output.append(contentsOf: (value.isFinite ? value.description : "null").utf8)
    case .string(let value): Self.writeString(value, to: &output)
    case .array(let elements):
      guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
      output.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&output, indent: indent + 1) }
        element.write(to: &output, pretty: pretty, indent: indent + 1)
      }
      if pretty { Self.newline(&output, indent: indent) }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
      output.append(UInt8(ascii: "{"))
      for (position, key) in members.keys.sorted().enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&output, indent: indent + 1) }
        Self.writeString(key, to: &output)
        output.append(contentsOf: (pretty ? " : " : ":").utf8)
        members[key]?.write(to: &output, pretty: pretty, indent: indent + 1)
      }
      if pretty { Self.newline(&output, indent: indent) }
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ output: inout [UInt8], indent: Int) {
    output.append(0x0A)
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
  }

  private static func writeString(_ value: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
      case 0x0A: output.append(contentsOf: "\\n".utf8)
      case 0x0D: output.append(contentsOf: "\\r".utf8)
      case 0x09: output.append(contentsOf: "\\t".utf8)
      case 0x08: output.append(contentsOf: "\\b".utf8)
      case 0x0C: output.append(contentsOf: "\\f".utf8)
      case 0x00..<0x20:
        let hexDigits = Array("0123456789abcdef".utf8)
        output.append(contentsOf: "\\u00".utf8)
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}

extension JSONValue: CustomStringConvertible {
  /// The compact serialization, e.g. `{"a":[1,2.5,"x"]}`.
  public var description: String { serialized(pretty: false) }
}
