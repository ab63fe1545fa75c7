/// Sorts agent error messages into transient and fatal by what the tools print.
public enum FailureClassifier {
  /// Phrases of authentication and usage errors: retrying cannot fix them.
  static let fatalPhrases = [
    "unauthorized", "forbidden", "authentication", "invalid api key", "incorrect api key", "invalid x-api-key",
    "api key not", "not logged in", "please run /login", "codex login", "credit balance is too low",
    "permission_error", "unknown option", "unexpected argument", "unrecognized", "requires --verbose",
    "invalid value", "usage:",
  ]
  /// HTTP statuses that mean the credentials or the request are wrong.
  static let fatalStatuses: Set<Int> = [400, 401, 403, 404]
  /// Phrases of rate limits, overload and network trouble: a later attempt may succeed.
  static let transientPhrases = [
    "rate limit", "rate_limit", "ratelimit", "too many requests", "overloaded", "internal server error",
    "bad gateway", "service unavailable", "gateway timeout", "timed out", "timeout", "econnreset",
    "econnrefused", "enotfound", "etimedout", "eai_again", "network", "connection", "socket hang up",
    "fetch failed", "stream disconnected", "reconnecting", "usage limit", "hit your limit", "capacity",
    "temporarily unavailable", "try again",
  ]
  /// HTTP statuses of rate limits and server trouble.
  static let transientStatuses: Set<Int> = [408, 429, 500, 502, 503, 504, 529]

  /// The kind an HTTP status implies, or nil for one that implies nothing.
  public static func classify(status: Int) -> AgentFailureKind? {
    if transientStatuses.contains(status) || (500..<600).contains(status) { return .transient }
    if fatalStatuses.contains(status) { return .fatal }
    return nil
  }

  /// The kind a message implies, or nil when it matches nothing known. Authentication and usage
  /// errors win over network words ("Reconnecting... 401 Unauthorized" is fatal).
  public static func classify(_ message: String) -> AgentFailureKind? {
    let lower = message.lowercased()
    let numbers = Set(lower.split { !$0.isNumber }.compactMap { Int($0) })
    if fatalPhrases.contains(where: lower.contains) || !numbers.isDisjoint(with: [401, 403]) {
      return .fatal
    }
    if transientPhrases.contains(where: lower.contains) || !numbers.isDisjoint(with: transientStatuses) {
      return .transient
    }
    return nil
  }

  /// `text` on one line, whitespace runs collapsed, at most 500 characters.
  public static func oneLine(_ text: String) -> String {
    let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
    let line = words.joined(separator: " ")
    return line.count > 500 ? String(line.prefix(497)) + "..." : line
  }
}
