/// Checks RFC 3339 `date-time` strings (the JSON Schema `format: "date-time"`).
enum RFC3339 {
  /// Whether `text` is `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with in-range fields.
  ///
  /// `T` and `Z` may be lower case (RFC 3339 §5.6); second 60 is allowed for leap seconds;
  /// the day must exist in its month (leap years included).
  static func isDateTime(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20,
      let year = number(bytes, 0, 4), bytes[4] == UInt8(ascii: "-"),
      let month = number(bytes, 5, 2), bytes[7] == UInt8(ascii: "-"),
      let day = number(bytes, 8, 2), bytes[10] | 0x20 == UInt8(ascii: "t"),
      let hour = number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
      let minute = number(bytes, 14, 2), bytes[16] == UInt8(ascii: ":"),
      let second = number(bytes, 17, 2)
    else { return false }
    guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
      hour <= 23, minute <= 59, second <= 60
    else { return false }

    var index = 19
    if bytes[index] == UInt8(ascii: ".") {
      index += 1
      let fractionStart = index
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
      guard index > fractionStart else { return false }
    }
    guard index < bytes.count else { return false }
    if bytes[index] | 0x20 == UInt8(ascii: "z") {
      return index + 1 == bytes.count
    }
    guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
      index + 6 == bytes.count,
      let offsetHour = number(bytes, index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
      let offsetMinute = number(bytes, index + 4, 2)
    else { return false }
    return offsetHour <= 23 && offsetMinute <= 59
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The decimal number in `bytes[start..<start + length]`, or nil if any of it is not a digit.
  private static func number(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int? {
    guard start + length <= bytes.count else { return nil }
    var value = 0
    for byte in bytes[start..<start + length] {
      guard isDigit(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
