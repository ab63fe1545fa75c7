import Foundation
import Testing

@testable import LogistCore

@Suite struct JSONTests {
  /// The error `text` fails to parse with, or nil if it parses.
  private func parseError(_ text: String) -> JSONParseError? {
    parseError(Data(text.utf8))
  }

  private func parseError(_ data: Data) -> JSONParseError? {
    do {
      _ = try JSONValue.parse(data)
      return nil
    } catch {
      return error
    }
  }

  // MARK: - Values and round trips

  @Test func parsesEveryKind() throws {
    let value = try JSONValue.parse(
      #"{"n": null, "t": true, "f": false, "i": -42, "d": 0.5, "s": "hi", "a": [1, "x"], "o": {"k": {}}}"#)
    #expect(
      value
        == .object([
          "n": .null, "t": .bool(true), "f": .bool(false), "i": .int(-42), "d": .double(0.5),
          "s": .string("hi"), "a": .array([.int(1), .string("x")]), "o": .object(["k": .object([:])]),
        ]))
  }

  @Test(arguments: [
    JSONValue.null, .bool(true), .bool(false), .int(0), .int(-7), .int(Int.max), .int(Int.min),
    .double(0.012), .double(2.0), .double(-0.0), .double(1e300), .double(-2.5e-7),
    .string(""), .string("plain"), .string("quote \" backslash \\ slash / nl \n tab \t nul \u{0} bell \u{7}"),
    .string("héllo 😀 日本"), .array([]), .object([:]),
    .array([.int(1), .array([.null, .object(["a b": .string("c")])])]),
    .object(["z": .int(1), "a": .array([.bool(false)]), "m": .object(["x": .double(1.5)])]),
  ])
  func roundTrips(value: JSONValue) throws {
    #expect(try JSONValue.parse(value.serialized(pretty: true)) == value)
    #expect(try JSONValue.parse(value.serialized(pretty: false)) == value)
  }

  @Test func prettyOutputMatchesJSONEncoderStyle() {
    let value = JSONValue.object([
      "b": .array([.int(1), .double(2.0)]), "a": .string("x/y"), "c": .object([:]), "d": .array([]),
    ])
    #expect(
      value.serialized()
        == """
        {
          "a" : "x/y",
          "b" : [
            1,
            2.0
          ],
          "c" : {},
          "d" : []
        }
        """)
    #expect(value.serialized(pretty: false) == #"{"a":"x/y","b":[1,2.0],"c":{},"d":[]}"#)
  }

  @Test func escapesControlCharactersButNotSlashesOrUnicode() {
    #expect(JSONValue.string("a\u{1}\u{1F}\"\\/é\r\u{8}\u{C}").serialized() == #""a\u0001\u001f\"\\/é\r\b\f""#)
  }

  @Test func serializesDoublesSoTheyRoundTrip() {
    #expect(JSONValue.double(0.012).serialized() == "0.012")
    #expect(JSONValue.double(2).serialized() == "2.0")
    #expect(JSONValue.double(0.1 + 0.2).serialized() == "0.30000000000000004")
    #expect(JSONValue.int(3).serialized() == "3")
    #expect(JSONValue.double(.infinity).serialized() == "null")
  }

  // MARK: - Numbers

  @Test func keepsIntegersAndDoublesApart() throws {
    #expect(try JSONValue.parse("12") == .int(12))
    #expect(try JSONValue.parse("-0") == .int(0))
    #expect(try JSONValue.parse("12.0") == .double(12))
    #expect(try JSONValue.parse("1e3") == .double(1000))
    #expect(try JSONValue.parse("-2.5E-2") == .double(-0.025))
    #expect(try JSONValue.parse("1E+2") == .double(100))
    #expect(try JSONValue.parse("-0.0") == .double(-0.0))
    #expect(try JSONValue.parse("9223372036854775807") == .int(Int.max))
    #expect(try JSONValue.parse("-9223372036854775808") == .int(Int.min))
    #expect(try JSONValue.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
    #expect(try JSONValue.parse("-99999999999999999999") == .double(-1e20))
  }

  @Test(arguments: [
    ("01", "numbers must not have leading zeros", 1),
    ("-", "expected a digit after '-'", 2),
    ("1.", "expected a digit after the decimal point", 3),
    ("1e", "expected a digit in the exponent", 3),
    ("+1", "expected a value but found '+'", 1),
    (".5", "expected a value but found '.'", 1),
    ("1e400", "number 1e400 is out of range", 1),
  ])
  func rejectsMalformedNumbers(text: String, message: String, column: Int) {
    #expect(parseError(text) == JSONParseError(line: 1, column: column, message: message))
  }

  // MARK: - Strings

  @Test func decodesEscapesAndSurrogatePairs() throws {
    #expect(
      try JSONValue.parse(#""\u00e9\u20AC\ud83d\ude00 \"\\\/\b\f\n\r\t""#) == .string("é€😀 \"\\/\u{8}\u{C}\n\r\t"))
    #expect(try JSONValue.parse(#""\u0000""#) == .string("\u{0}"))
    #expect(try JSONValue.parse(#""日本 😀""#) == .string("日本 😀"))
  }

  @Test(arguments: [
    (#""\ud83d""#, "invalid \\u escape: high surrogate not followed by a low surrogate"),
    (#""\ud83dx""#, "invalid \\u escape: high surrogate not followed by a low surrogate"),
    (#""\ud83d\u0041""#, "invalid \\u escape: high surrogate not followed by a low surrogate"),
    (#""\ude00""#, "invalid \\u escape: unpaired low surrogate"),
    (#""\u12G4""#, "invalid \\u escape (expected four hex digits)"),
    (#""\x""#, "invalid escape sequence '\\x'"),
  ])
  func rejectsBadEscapes(text: String, message: String) {
    #expect(parseError(text) == JSONParseError(line: 1, column: 2, message: message))
  }

  @Test func rejectsInvalidUTF8() {
    #expect(
      parseError(Data([0x22, 0x61, 0xFF, 0x22]))
        == JSONParseError(line: 1, column: 3, message: "invalid UTF-8 byte 0xFF"))
    // Overlong encoding of '/', a UTF-16 surrogate encoded in UTF-8, and a truncated sequence.
    #expect(parseError(Data([0x22, 0xC0, 0xAF, 0x22]))?.message == "invalid UTF-8 byte 0xC0")
    #expect(parseError(Data([0x22, 0xED, 0xA0, 0x80, 0x22]))?.message == "invalid UTF-8 sequence")
    #expect(parseError(Data([0x22, 0xE6, 0x97, 0x22]))?.message == "invalid UTF-8 sequence")
    #expect(parseError(Data([0xFF]))?.message == "expected a value but found byte 0xFF")
  }

  @Test func rejectsRawControlCharactersInStrings() {
    #expect(
      parseError("\"ab\tc\"")
        == JSONParseError(line: 1, column: 4, message: "control character U+0009 must be escaped in a string"))
  }

  // MARK: - Errors with positions

  @Test func emptyInputSaysTheFileIsEmpty() {
    #expect(parseError("") == JSONParseError(line: 1, column: 1, message: "the file is empty"))
    #expect(parseError(" \n\t ")?.message == "the file is empty (it contains only whitespace)")
    #expect(
      parseError("").map(String.init(describing:)) == "invalid JSON at line 1, column 1: the file is empty")
  }

  @Test func reportsLineAndColumn() {
    let cases: [(text: String, error: JSONParseError)] = [
      ("{\n  \"a\": 1,\n}", JSONParseError(line: 2, column: 9, message: "trailing comma before '}'")),
      ("[1, 2,]", JSONParseError(line: 1, column: 6, message: "trailing comma before ']'")),
      ("{\n  \"a\" 1\n}", JSONParseError(line: 2, column: 7, message: "expected ':' after the object key")),
      ("{\"a\": \"abc", JSONParseError(line: 1, column: 7, message: "unterminated string")),
      (
        "{\"a\": \"abc\n\"}",
        JSONParseError(
          line: 1, column: 11, message: "unterminated string (a line break inside a string must be written as \\n)")
      ),
      (
        "{\"a\": 1\n\"b\": 2}",
        JSONParseError(line: 2, column: 1, message: "expected ',' or '}' after an object member")
      ),
      ("[1 2]", JSONParseError(line: 1, column: 4, message: "expected ',' or ']' after an array element")),
      ("{\"a\": 1} x", JSONParseError(line: 1, column: 10, message: "unexpected 'x' after the end of the JSON value")),
      ("{}{}", JSONParseError(line: 1, column: 3, message: "unexpected '{' after the end of the JSON value")),
      ("{\"id\": 1,\n \"id\": 2}", JSONParseError(line: 2, column: 2, message: "duplicate key \"id\"")),
      ("[1,\n", JSONParseError(line: 2, column: 1, message: "unexpected end of input")),
      ("{a: 1}", JSONParseError(line: 1, column: 2, message: "expected a key in double quotes but found 'a'")),
      ("['a']", JSONParseError(line: 1, column: 2, message: "strings must be in double quotes, not single quotes")),
      (
        "[tru]",
        JSONParseError(
          line: 1, column: 2, message: "expected a value but found \"tru\" (strings must be in double quotes)")
      ),
      ("// note\n{}", JSONParseError(line: 1, column: 1, message: "expected a value but found '/'")),
      (
        "\u{201C}a\u{201D}",
        JSONParseError(line: 1, column: 1, message: "expected a value but found '\u{201C}' (U+201C)")
      ),
    ]
    for (text, expected) in cases {
      #expect(parseError(text) == expected, "input: \(text.debugDescription)")
    }
  }

  @Test func columnsCountBytes() {
    // "é" is two UTF-8 bytes, so the bad value after it is at byte column 8 (character column 7).
    #expect(
      parseError("[\"é\", x]")
        == JSONParseError(
          line: 1, column: 8, message: "expected a value but found \"x\" (strings must be in double quotes)"))
  }

  @Test func acceptsSurroundingWhitespaceAndByteOrderMark() throws {
    #expect(try JSONValue.parse(" \r\n\t[ 1 , 2 ]\n\n") == .array([.int(1), .int(2)]))
    #expect(try JSONValue.parse(Data([0xEF, 0xBB, 0xBF] + Array("true".utf8))) == .bool(true))
  }

  // MARK: - Nesting

  @Test func limitsNestingTo512() throws {
    let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    let parsed = try JSONValue.parse(deepest)
    #expect(parsed.arrayValue?.count == 1)
    #expect(try JSONValue.parse(parsed.serialized()) == parsed)
    let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(
      parseError(tooDeep)
        == JSONParseError(line: 1, column: 513, message: "nesting is too deep (the maximum depth is 512)"))
    let tooDeepObjects = String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513)
    #expect(parseError(tooDeepObjects)?.message == "nesting is too deep (the maximum depth is 512)")
  }

  // MARK: - Accessors

  @Test func accessors() throws {
    let value = try JSONValue.parse(#"{"s": "x", "i": 3, "d": 4.0, "h": 4.5, "a": [true], "o": {"k": null}}"#)
    #expect(value["s"]?.stringValue == "x")
    #expect(value["i"]?.intValue == 3)
    #expect(value["d"]?.intValue == 4)
    #expect(value["h"]?.intValue == nil)
    #expect(value["h"]?.doubleValue == 4.5)
    #expect(value["a"]?.arrayValue == [.bool(true)])
    #expect(value["a"]?[0]?.boolValue == true)
    #expect(value["a"]?[1] == nil)
    #expect(value["o"]?.objectValue == ["k": .null])
    #expect(value["missing"] == nil)
    #expect(value["s"]?["s"] == nil)
    #expect(value["s"]?.intValue == nil)
    let names = [JSONValue.null, .bool(true), .int(1), .double(1), .string(""), .array([]), .object([:])].map(
      \.typeName)
    #expect(names == ["null", "boolean", "integer", "number", "string", "array", "object"])
  }

  // MARK: - Performance

  @Test func parsesAMegabyteQuickly() throws {
    let record = #"{"id": 12345, "name": "some name \u00e9 here", "score": 0.125, "tags": ["a", "b", "c"], "ok": true}"#
    let count = 1_000_000 / record.utf8.count
    let text = "[" + Array(repeating: record, count: count).joined(separator: ",\n") + "]"
    let clock = ContinuousClock()
    var parsed = JSONValue.null
    let elapsed = try clock.measure { parsed = try JSONValue.parse(Data(text.utf8)) }
    #expect(parsed.arrayValue?.count == count)
    #expect(elapsed < .seconds(2), "parsing 1 MB took \(elapsed)")
    let serialized = parsed.serialized(pretty: false)
    #expect(try JSONValue.parse(serialized) == parsed)
  }
}
