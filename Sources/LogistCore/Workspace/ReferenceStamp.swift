import Foundation

/// The UTC timestamp in Logist's reference names: `20261121T224107Z`.
enum ReferenceStamp {
  /// `date` as `yyyyMMdd'T'HHmmss'Z'` in UTC.
  static func text(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
    return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "T" + two(parts.hour)
      + two(parts.minute) + two(parts.second) + "Z"
  }
}

extension GitRepository {
  /// `name`, or `name-2`, `name-3`… when a reference of that name already exists.
  func unusedReference(_ name: String) -> String {
    var candidate = name
    var number = 2
    while (try? referenceTarget(candidate)) != nil {
      candidate = "\(name)-\(number)"
      number += 1
    }
    return candidate
  }
}
