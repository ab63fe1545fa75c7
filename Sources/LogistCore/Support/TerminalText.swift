/// Text made safe to show on a terminal: every character that could drive it is written out visibly.
///
/// C0 controls become `\r`, `\t`, `\n`, `\x1b`, `\x07`, …; DEL, C1 controls (U+0080–U+009F), bidi
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and the line and
/// paragraph separators (U+2028, U+2029) become `\u009b`-style escapes. Those are valid JSON escapes of
/// the same characters, so JSON output (whose C0 controls the encoder already escaped) goes through
/// unchanged in meaning. Invalid UTF-8 is written as `\xff` by ``decode(_:newlines:)``.
public enum TerminalText {
  /// `text` with its controls made visible; with `newlines`, `\n` and `\t` stay as they are (for
  /// multi-line output whose lines are logist's own), otherwise they are escaped too (a single-line
  /// field: nothing in it can start a new line that looks like logist's).
  public static func visible(_ text: String, newlines: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: { needsEscape($0, newlines: newlines) }) else { return text }
    var output = ""
    output.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      if needsEscape(scalar, newlines: newlines) {
        output += escape(scalar)
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// `bytes` decoded as UTF-8, each byte that is not part of valid UTF-8 written as `\xNN` (where
  /// `String(decoding:as:)` would write U+FFFD); controls are kept, for ``visible(_:newlines:)`` to show.
  public static func decode(_ bytes: some Collection<UInt8>) -> String {
    var output = ""
    var buffer: [UInt8] = []
    var index = bytes.startIndex
    while index != bytes.endIndex {
      buffer.removeAll(keepingCapacity: true)
      let length = sequenceLength(bytes[index])
      var cursor = index
      for _ in 0..<length where cursor != bytes.endIndex {
        buffer.append(bytes[cursor])
        cursor = bytes.index(after: cursor)
      }
      // Decode one sequence at a time, so an invalid one can be shown byte by byte.
      var inner = buffer.makeIterator()
      var decoder = UTF8()
      if length > 0, buffer.count == length, case .scalarValue(let scalar) = decoder.decode(&inner) {
        output.unicodeScalars.append(scalar)
        index = cursor
      } else {
        output += "\\x" + hex(bytes[index])
        index = bytes.index(after: index)
      }
    }
    return output
  }

  /// Whether `scalar` is written escaped.
  static func needsEscape(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: return !newlines
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// The visible form of one escaped scalar.
  static func escape(_ scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case 0x0A: return "\\n"
    case 0x0D: return "\\r"
    case 0x09: return "\\t"
    case 0x00...0x1F: return "\\x" + hex(UInt8(scalar.value))
    default:
      let digits = String(scalar.value, radix: 16)
      return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
  }

  private static func sequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: return 2
    case 0xE0...0xEF: return 3
    case 0xF0...0xF4: return 4
    default: return 0
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return digits.count == 1 ? "0" + digits : digits
  }
}
