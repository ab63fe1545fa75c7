import Foundation

/// The one way Logist turns its types into JSON and back: sorted keys, 2-space indent,
/// unescaped slashes, and RFC 3339 dates in UTC with milliseconds.
public enum JSONCoding {
  /// A stable pretty encoder; output ends without a newline.
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(format(date))
    }
    return encoder
  }

  /// A decoder that reads what ``encoder()`` writes (and RFC 3339 dates without fractions).
  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = parseDate(text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "expected an RFC 3339 date-time, got \(text)")
      }
      return date
    }
    return decoder
  }

  /// Encodes a value as pretty JSON followed by a newline.
  public static func data<T: Encodable>(_ value: T) throws -> Data {
    var data = try encoder().encode(value)
    data.append(0x0A)
    return data
  }

  /// `2026-11-21T22:04:10.123Z`.
  public static func format(_ date: Date) -> String {
    // The formatter truncates; nudging to the middle of the nearest millisecond makes
    // format(parse(format(d))) == format(d), so saving a manifest never drifts its dates.
    let millis = (date.timeIntervalSince1970 * 1000).rounded()
    return Date(timeIntervalSince1970: (millis + 0.5) / 1000).formatted(
      Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }

  /// Parses an RFC 3339 date-time, with or without fractional seconds.
  public static func parseDate(_ text: String) -> Date? {
    if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
    return try? Date.ISO8601FormatStyle().parse(text)
  }
}
