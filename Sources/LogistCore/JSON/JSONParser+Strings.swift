import Foundation

/// String scanning: escapes, surrogate pairs and UTF-8 validation.
extension JSONParser {
  // MARK: - Strings

  mutating func parseString() throws(JSONParseError) -> String {
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
  mutating func parseEscape(into buffer: inout [UInt8], stringStart: Int) throws(JSONParseError) {
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
  mutating func hexQuad(escapeStart: Int) throws(JSONParseError) -> UInt32 {
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
  mutating func skipUTF8Sequence() throws(JSONParseError) {
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
}
