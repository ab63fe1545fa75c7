/// "Did you mean …": the closest known word to a mistyped one.
enum Suggestion {
  /// The candidate nearest to `word` by edit distance, when it is close enough to be a typo (at most
  /// one edit per three characters, at least one); nil otherwise.
  static func nearest(_ word: String, among candidates: [String]) -> String? {
    let limit = max(1, word.count / 3)
    let scored = candidates.map { ($0, distance(word, $0)) }.filter { $0.1 <= limit }
    return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
  }

  /// ` (did you mean "x"?)`, or nothing.
  static func phrase(_ word: String, among candidates: [String], shown: (String) -> String = { "\"\($0)\"" })
    -> String
  {
    nearest(word, among: candidates).map { " (did you mean \(shown($0))?)" } ?? ""
  }

  /// Levenshtein distance over characters, with a transposition counted as one edit.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      previous2 = previous
      previous = current
    }
    return previous[b.count]
  }
}
