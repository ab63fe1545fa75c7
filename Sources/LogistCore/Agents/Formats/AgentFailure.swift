/// Whether retrying a failed agent run can help.
public enum AgentFailureKind: String, Sendable, Equatable {
  /// Rate limits, overloaded or 5xx API errors, network errors: retry with backoff.
  case transient
  /// Authentication, bad flags, turn or budget caps, a run that broke off: retrying the same way will not help.
  case fatal
}

/// Why an agent run failed, as the tool reported it.
public struct AgentFailure: Sendable, Equatable, CustomStringConvertible {
  /// Retry or not.
  public var kind: AgentFailureKind
  /// The tool's own message (or what Logist saw when the tool said nothing), one line.
  public var message: String
  /// The tool's code for it when it gave one (`error_max_turns`, `http 529`, `max_iterations`).
  public var code: String?

  /// Makes a failure; the message is reduced to one line.
  public init(_ kind: AgentFailureKind, _ message: String, code: String? = nil) {
    self.kind = kind
    self.message = FailureClassifier.oneLine(message)
    self.code = code
  }

  /// A failure classified from the tool's message, `fallback` when the message says nothing known.
  public static func classified(_ message: String, code: String? = nil, fallback: AgentFailureKind = .fatal)
    -> AgentFailure
  {
    AgentFailure(FailureClassifier.classify(message) ?? fallback, message, code: code)
  }

  public var description: String {
    "\(kind.rawValue) failure\(code.map { " (\($0))" } ?? ""): \(message)"
  }
}
