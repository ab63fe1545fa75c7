import Foundation

/// Where and why JSON text failed to parse.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The 1-based line of the offending byte.
  public let line: Int
  /// The 1-based column of the offending byte, counted in UTF-8 bytes.
  public let column: Int
  /// What is wrong, e.g. `expected ',' or '}' after an object member`.
  public let message: String

  /// Creates an error at the given 1-based line and byte column.
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// A one-line explanation, e.g. `invalid JSON at line 3, column 5: unexpected end of input`.
  public var description: String {
    "invalid JSON at line \(line), column \(column): \(message)"
  }
}

/// A strict RFC 8259 parser working directly on UTF-8 bytes.
struct JSONParser {
  /// The deepest allowed nesting of arrays and objects.
  static let maxDepth = 512

  let bytes: [UInt8]
  var index = 0
  var depth = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses exactly one JSON value, allowing surrounding whitespace and a leading UTF-8 byte order mark.
  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    skipWhitespace()
    guard index < bytes.count else {
      let message = bytes.isEmpty ? "the file is empty" : "the file is empty (it contains only whitespace)"
      throw error(message, at: 0)
    }
    let value = try parseValue()
    skipWhitespace()
    if index < bytes.count {
      throw error("unexpected \(describeByte(at: index)) after the end of the JSON value", at: index)
    }
    return value
  }

  // MARK: - Values

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw error("unexpected end of input", at: index) }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    case UInt8(ascii: "'"): throw error("strings must be in double quotes, not single quotes", at: index)
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
      return try parseLiteral()
    default:
      throw error("expected a value but found \(describeByte(at: index))", at: index)
    }
  }

  mutating func parseLiteral() throws(JSONParseError) -> JSONValue {
    let start = index
    var end = index
    while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
    let word = String(decoding: bytes[start..<end], as: UTF8.self)
    let value: JSONValue
    switch word {
    case "true": value = .bool(true)
    case "false": value = .bool(false)
    case "null": value = .null
    default:
      throw error("expected a value but found \"\(word)\" (strings must be in double quotes)", at: start)
    }
    index = end
    return value
  }

  mutating func parseObject() throws(JSONParseError) -> JSONValue {
    try enterContainer()
    defer { depth -= 1 }
    index += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    var lastComma: Int?
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input", at: index) }
      guard bytes[index] == UInt8(ascii: "\"") else {
        if let lastComma, bytes[index] == UInt8(ascii: "}") {
          throw error("trailing comma before '}'", at: lastComma)
        }
        throw error("expected a key in double quotes but found \(describeByte(at: index))", at: index)
      }
      let keyStart = index
      let key = try parseString()
      if members[key] != nil {
        throw error("duplicate key \(JSONValue.string(key).serialized(pretty: false))", at: keyStart)
      }
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input", at: index) }
      guard bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after the object key", at: index)
      }
      index += 1
      skipWhitespace()
      members[key] = try parseValue()
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input", at: index) }
      switch bytes[index] {
      case UInt8(ascii: ","):
        lastComma = index
        index += 1
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default:
        throw error("expected ',' or '}' after an object member", at: index)
      }
    }
  }

  mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enterContainer()
    defer { depth -= 1 }
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    var lastComma: Int?
    while true {
      skipWhitespace()
      if let lastComma, index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        throw error("trailing comma before ']'", at: lastComma)
      }
      elements.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input", at: index) }
      switch bytes[index] {
      case UInt8(ascii: ","):
        lastComma = index
        index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements)
      default:
        throw error("expected ',' or ']' after an array element", at: index)
      }
    }
  }

  mutating func enterContainer() throws(JSONParseError) {
    depth += 1
    if depth > Self.maxDepth {
      throw error("nesting is too deep (the maximum depth is \(Self.maxDepth))", at: index)
    }
  }

  // MARK: - Numbers

  mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    var isInteger = true
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else {
      throw error("expected a digit after '-'", at: index)
    }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      if index < bytes.count, isDigit(bytes[index]) {
        throw error("numbers must not have leading zeros", at: start)
      }
    } else {
      skipDigits()
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("expected a digit after the decimal point", at: index)
      }
      skipDigits()
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("expected a digit in the exponent", at: index)
      }
      skipDigits()
    }
    if isInteger, let value = integer(in: start..<index) { return .int(value) }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw error("number \(text) is out of range", at: start)
    }
    return .double(value)
  }

  /// The integer spelled by `range` (optional '-' then digits), or nil if it overflows `Int`.
  func integer(in range: Range<Int>) -> Int? {
    let negative = bytes[range.lowerBound] == UInt8(ascii: "-")
    var result = 0
    for position in (negative ? range.lowerBound + 1 : range.lowerBound)..<range.upperBound {
      let digit = Int(bytes[position] &- UInt8(ascii: "0"))
      let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
      let (next, overflow2) =
        negative
        ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
      if overflow1 || overflow2 { return nil }
      result = next
    }
    return result
  }

  mutating func skipDigits() {
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
  }

  // MARK: - Helpers

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  func isWordByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
  }

  func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
  }

  /// A readable rendering of the byte (or UTF-8 character) at `position` for error messages.
  func describeByte(at position: Int) -> String {
    let byte = bytes[position]
    if byte >= 0x21 && byte <= 0x7E {
      return "'\(String(UnicodeScalar(byte)))'"
    }
    if byte >= 0xC2 && byte <= 0xF4 {
      let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
      let end = min(position + length, bytes.count)
      if let text = String(validating: bytes[position..<end], as: UTF8.self),
        let scalar = text.unicodeScalars.first
      {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return "'\(text)' (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))"
      }
    }
    switch byte {
    case 0x20: return "a space"
    case 0x09: return "a tab"
    case 0x0A, 0x0D: return "a line break"
    default: return "byte 0x\(hex(byte))"
    }
  }

  /// An error positioned at the byte offset `position`, with its line and column computed from the input.
  func error(_ message: String, at position: Int) -> JSONParseError {
    var line = 1
    var lineStart = 0
    let limit = min(position, bytes.count)
    for offset in 0..<limit where bytes[offset] == 0x0A {
      line += 1
      lineStart = offset + 1
    }
    return JSONParseError(line: line, column: limit - lineStart + 1, message: message)
  }
}
