/// A change to a job's limits: set values, add to them, or clear them (`job create` and `job limits` flags).
public struct LimitsUpdate: Sendable, Equatable {
  /// One change.
  public enum Change: Sendable, Equatable {
    /// Set to a value.
    case set(Double)
    /// Raise by an amount.
    case add(Double)
    /// Remove the limit.
    case clear
  }

  /// Changes, applied in field order.
  public var changes: [(field: LimitField, change: Change)] = []

  /// No change.
  public init() {}

  /// Whether there is nothing to change.
  public var isEmpty: Bool { changes.isEmpty }

  /// `limits` with the changes applied; an error names the field when a change is not possible.
  public func applied(to limits: Limits) throws(LogistError) -> Limits {
    var result = limits
    for (field, change) in changes {
      switch change {
      case .clear:
        field.set(nil, in: &result)
      case .set(let value):
        if let problem = field.problem(value) { throw .invalid("\(field.rawValue): \(field.format(value)) \(problem)") }
        field.set(value, in: &result)
      case .add(let amount):
        guard let current = field.value(in: result) else {
          throw .invalid("\(field.rawValue) is not set, so there is nothing to add to; set it instead")
        }
        let value = current + amount
        if let problem = field.problem(value) { throw .invalid("\(field.rawValue): \(field.format(value)) \(problem)") }
        field.set(value, in: &result)
      }
    }
    return result
  }

  public static func == (lhs: LimitsUpdate, rhs: LimitsUpdate) -> Bool {
    lhs.changes.map(\.field) == rhs.changes.map(\.field) && lhs.changes.map(\.change) == rhs.changes.map(\.change)
  }
}
