import Foundation

/// The `--since T` value of read commands: an RFC 3339 date-time, a day (`2026-11-21`, midnight UTC), or a
/// span back from now (`90s`, `30m`, `24h`, `7d`, `2w`).
public enum TimeBound {
  /// The time `text` names, relative spans counted back from `now`; nil when it is none of the forms.
  public static func parse(_ text: String, now: Date = Date()) -> Date? {
    if let date = JSONCoding.parseDate(text) { return date }
    if let day = try? Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().parse(text) { return day }
    // A span needs its unit: a bare number is not a time.
    guard let unit = text.last, unit.isLetter, let seconds = Amount.parseDuration(text), seconds >= 0 else {
      return nil
    }
    return now.addingTimeInterval(-seconds)
  }

  /// What ``parse(_:now:)`` accepts, for error messages.
  public static let forms = "an RFC 3339 time (2026-11-21T09:00:00Z), a day (2026-11-21) or a span (30m, 24h, 7d)"
}
