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

  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

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

  private mutating func parseValue() throws(JSONParseError) -> JSONValue {
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

  private mutating func parseLiteral() throws(JSONParseError) -> JSONValue {
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

  private mutating func parseObject() throws(JSONParseError) -> JSONValue {
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

  private mutating func parseArray() throws(JSONParseError) -> JSONValue {
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

  private mutating func enterContainer() throws(JSONParseError) {
    depth += 1
    if depth > Self.maxDepth {
      throw error("nesting is too deep (the maximum depth is \(Self.maxDepth))", at: index)
    }
  }

  // MARK: - Numbers

  private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
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
  private func integer(in range: Range<Int>) -> Int? {
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

  private mutating func skipDigits() {
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
  }

  // MARK: - Strings

  private mutating func parseString() throws(JSONParseError) -> String {
    let open = index
    index += 1
    var segmentStart = index
    var buffer: [UInt8] = []
    var hasEscapes = false
    while true {
      guard index < bytes.count else { throw error("unterminated string", at: open) }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text: String
        if hasEscapes {
          buffer.append(contentsOf: bytes[segmentStart..<index])
          text = String(decoding: buffer, as: UTF8.self)
        } else {
          text = String(decoding: bytes[segmentStart..<index], as: UTF8.self)
        }
        index += 1
        return text
      } else if byte == UInt8(ascii: "\\") {
        hasEscapes = true
        buffer.append(contentsOf: bytes[segmentStart..<index])
        try parseEscape(into: &buffer, stringStart: open)
        segmentStart = index
      } else if byte < 0x20 {
        if byte == 0x0A || byte == 0x0D {
          throw error("unterminated string (a line break inside a string must be written as \\n)", at: index)
        }
        throw error("control character U+00\(hex(byte)) must be escaped in a string", at: index)
      } else if byte < 0x80 {
        index += 1
      } else {
        try skipUTF8Sequence()
      }
    }
  }

  /// Decodes the escape sequence at `index` (which is a backslash) and appends its UTF-8 bytes.
  private mutating func parseEscape(into buffer: inout [UInt8], stringStart: Int) throws(JSONParseError) {
    let backslash = index
    guard index + 1 < bytes.count else { throw error("unterminated string", at: stringStart) }
    let code = bytes[index + 1]
    index += 2
    switch code {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(code)
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "n"): buffer.append(0x0A)
    case UInt8(ascii: "r"): buffer.append(0x0D)
    case UInt8(ascii: "t"): buffer.append(0x09)
    case UInt8(ascii: "u"):
      var scalarValue = try hexQuad(escapeStart: backslash)
      if (0xDC00...0xDFFF).contains(scalarValue) {
        throw error("invalid \\u escape: unpaired low surrogate", at: backslash)
      }
      if (0xD800...0xDBFF).contains(scalarValue) {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
          throw error("invalid \\u escape: high surrogate not followed by a low surrogate", at: backslash)
        }
        let lowStart = index
        index += 2
        let low = try hexQuad(escapeStart: lowStart)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw error("invalid \\u escape: high surrogate not followed by a low surrogate", at: backslash)
        }
        scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let scalar = Unicode.Scalar(scalarValue) else {
        throw error("invalid \\u escape", at: backslash)
      }
      UTF8.encode(scalar) { buffer.append($0) }
    default:
      let shown =
        code >= 0x21 && code <= 0x7E
        ? "'\\\(String(UnicodeScalar(code)))'" : "(backslash followed by \(describeByte(at: backslash + 1)))"
      throw error("invalid escape sequence \(shown)", at: backslash)
    }
  }

  /// Reads the four hex digits following `\u` at `index`.
  private mutating func hexQuad(escapeStart: Int) throws(JSONParseError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard index < bytes.count, let digit = hexValue(bytes[index]) else {
        throw error("invalid \\u escape (expected four hex digits)", at: escapeStart)
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// Checks the multi-byte UTF-8 sequence at `index` and advances past it.
  private mutating func skipUTF8Sequence() throws(JSONParseError) {
    let lead = bytes[index]
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    let length: Int
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      upper = 0x9F
    case 0xF0:
      length = 4
      lower = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      upper = 0x8F
    default: throw error("invalid UTF-8 byte 0x\(hex(lead))", at: index)
    }
    for offset in 1..<length {
      let position = index + offset
      guard position < bytes.count, bytes[position] >= lower, bytes[position] <= upper else {
        throw error("invalid UTF-8 sequence", at: index)
      }
      lower = 0x80
      upper = 0xBF
    }
    index += length
  }

  // MARK: - Helpers

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private func isWordByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
  }

  private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  private func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
  }

  /// A readable rendering of the byte (or UTF-8 character) at `position` for error messages.
  private func describeByte(at position: Int) -> String {
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
  private func error(_ message: String, at position: Int) -> JSONParseError {
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
