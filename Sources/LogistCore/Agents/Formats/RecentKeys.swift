/// Counts distinct keys (message ids, tool-call ids) in bounded memory: only the last ``capacity``
/// keys are remembered, so a key seen again after that many others counts again. The events of one
/// message or tool call arrive close together, so counts stay exact in practice, and a stream of any
/// length costs the same memory.
struct RecentKeys: Sendable {
  /// Most keys remembered.
  let capacity: Int
  /// Distinct keys inserted.
  private(set) var count = 0
  private var order: [String] = []
  private var next = 0
  private var members: Set<String> = []

  /// An empty set remembering up to `capacity` keys.
  init(capacity: Int = 1024) { self.capacity = max(capacity, 1) }

  /// Whether `key` is among the remembered ones.
  func contains(_ key: String) -> Bool { members.contains(key) }

  /// Adds `key`: whether it was new, and the key forgotten to make room for it.
  @discardableResult
  mutating func insert(_ key: String) -> (isNew: Bool, forgotten: String?) {
    guard !members.contains(key) else { return (false, nil) }
    count += 1
    members.insert(key)
    guard order.count == capacity else {
      order.append(key)
      return (true, nil)
    }
    let forgotten = order[next]
    members.remove(forgotten)
    order[next] = key
    next = (next + 1) % capacity
    return (true, forgotten)
  }
}
