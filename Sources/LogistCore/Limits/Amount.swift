import Foundation

/// How amounts are written for people: money, counts, durations.
public enum Amount {
  /// `$0.0163`: four decimals, as every Logist output shows money.
  public static func money(_ value: Double) -> String { String(format: "$%.4f", value) }

  /// `12,340`.
  public static func count(_ value: Int) -> String {
    let digits = String(abs(value))
    var groups: [String] = []
    var end = digits.endIndex
    while end > digits.startIndex {
      let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
      groups.insert(String(digits[start..<end]), at: 0)
      end = start
    }
    return (value < 0 ? "-" : "") + groups.joined(separator: ",")
  }

  /// `45s`, `2m30s`, `1h05m`; tenths under ten seconds (`2.5s`).
  public static func seconds(_ value: Double) -> String {
    if value < 10 {
      let tenths = (value * 10).rounded() / 10
      return tenths == tenths.rounded() ? "\(Int(tenths))s" : String(format: "%.1fs", tenths)
    }
    let total = Int(value.rounded())
    if total < 60 { return "\(total)s" }
    if total < 3600 { return total % 60 == 0 ? "\(total / 60)m" : String(format: "%dm%02ds", total / 60, total % 60) }
    return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60)
  }

  /// Parses a duration: `90`, `90s`, `30m`, `2h`, `7d`, `2w`, `1h30m`, `1.5h`. Nil when it is not one.
  public static func parseDuration(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let plain = Double(trimmed), plain.isFinite { return plain }
    var total = 0.0
    var number = ""
    var sawUnit = false
    for character in trimmed {
      if character.isNumber || character == "." {
        number.append(character)
        continue
      }
      let scale: Double
      switch character {
      case "s": scale = 1
      case "m": scale = 60
      case "h": scale = 3600
      case "d": scale = 86400
      case "w": scale = 604_800
      default: return nil
      }
      guard let value = Double(number), value.isFinite else { return nil }
      total += value * scale
      number = ""
      sawUnit = true
    }
    return sawUnit && number.isEmpty ? total : nil
  }
}
