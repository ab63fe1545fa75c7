import Foundation

/// What `job gc` is asked to do.
public struct GCRequest: Sendable, Equatable {
  /// Report what would be removed and change nothing.
  public var dryRun: Bool
  /// Keep uncommitted changes as a backup commit (the last patch of the archive) instead of skipping the job.
  public var force: Bool
  /// Only jobs whose manifest last changed longer ago than this many seconds; nil for every final job.
  public var olderThan: TimeInterval?

  /// Makes a request.
  public init(dryRun: Bool = false, force: Bool = false, olderThan: TimeInterval? = nil) {
    self.dryRun = dryRun
    self.force = force
    self.olderThan = olderThan
  }

  /// Seconds per duration unit: `s`, `m`, `h`, `d`, `w`.
  private static let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

  /// Parses a duration such as `90s`, `30m`, `12h`, `7d` or `2w` (a whole number and one unit); nil otherwise.
  public static func duration(_ text: String) -> TimeInterval? {
    guard let unit = text.last, let seconds = units[unit] else { return nil }
    let digits = text.dropLast()
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
      let count = Int(digits)
    else { return nil }
    return TimeInterval(count) * seconds
  }
}
