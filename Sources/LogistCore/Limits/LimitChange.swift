import Foundation

/// One change `job limits` made: the limits before and after, and when.
public struct LimitChange: Codable, Sendable, Equatable {
  /// When.
  public var at: Date
  /// Before.
  public var old: Limits
  /// After.
  public var new: Limits
}
