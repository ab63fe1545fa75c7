/// The final `result` event of Claude Code (`claude -p --output-format json|stream-json`).
struct ClaudeResult: Sendable, Equatable {
  /// `success`, `error_max_turns`, `error_during_execution`, `error_max_budget_usd`, ...
  var subtype: String
  /// Set on API errors even when the subtype says `success`; false on a budget stop.
  var isError: Bool
  /// The final text, or the error prose.
  var text: String?
  /// Error strings of `error_*` subtypes.
  var errors: [String]
  /// `total_cost_usd`: cumulative for the whole process.
  var cost: Double?
  /// `num_turns`.
  var turns: Int?
  /// The larger of `usage` (main loop only) and the sum of `modelUsage` (all models, subagents too), per bucket.
  var tokens: TokenCounts
  /// `api_error_status`.
  var apiStatus: Int?
  /// Model ids named in `modelUsage`.
  var models: [String]
  /// Tool names of `permission_denials`.
  var deniedTools: [String]

  init(_ event: JSONValue) {
    subtype = event["subtype"]?.stringValue ?? "success"
    isError = event["is_error"]?.boolValue ?? false
    text = event["result"]?.stringValue
    errors = event["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
    cost = event["total_cost_usd"]?.doubleValue
    turns = event["num_turns"]?.intValue
    apiStatus = event["api_error_status"]?.intValue
    let perModel = event["modelUsage"]?.objectValue ?? [:]
    models = perModel.keys.sorted()
    let modelTokens = perModel.values.reduce(TokenCounts()) { sum, entry in
      sum
        + TokenCounts(
          input: entry["inputTokens"]?.intValue ?? 0, output: entry["outputTokens"]?.intValue ?? 0,
          cacheRead: entry["cacheReadInputTokens"]?.intValue ?? 0,
          cacheWrite: entry["cacheCreationInputTokens"]?.intValue ?? 0)
    }
    tokens = Self.tokens(event["usage"]).maximum(modelTokens)
    deniedTools = event["permission_denials"]?.arrayValue?.compactMap { $0["tool_name"]?.stringValue } ?? []
  }

  /// The buckets of an Anthropic `usage` object.
  static func tokens(_ usage: JSONValue?) -> TokenCounts {
    TokenCounts(
      input: usage?["input_tokens"]?.intValue ?? 0, output: usage?["output_tokens"]?.intValue ?? 0,
      cacheRead: usage?["cache_read_input_tokens"]?.intValue ?? 0,
      cacheWrite: usage?["cache_creation_input_tokens"]?.intValue ?? 0)
  }

  /// Whether the run failed: `is_error`, or any subtype but `success` (a budget stop says `is_error: false`).
  var failed: Bool { isError || subtype != "success" }

  /// The failure this result reports, if any.
  var failure: AgentFailure? {
    guard failed else { return nil }
    let message =
      [errors.joined(separator: "; "), text ?? ""].first { !$0.isEmpty } ?? "claude ended with \(subtype)"
    let code = subtype != "success" ? subtype : apiStatus.map { "http \($0)" } ?? "is_error"
    if subtype.hasPrefix("error_max") { return AgentFailure(.fatal, message, code: code) }
    if let apiStatus, let kind = FailureClassifier.classify(status: apiStatus) {
      return AgentFailure(kind, message, code: code)
    }
    return .classified(message, code: code)
  }
}
