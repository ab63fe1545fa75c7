extension ClineParser {
  public var usage: Usage {
    var tokens: TokenCounts
    if let result {
      let usage = result["usage"]
      let aggregate = result["aggregateUsage"]
      func pick(_ key: String) -> Int { aggregate?[key]?.intValue ?? usage?[key]?.intValue ?? 0 }
      tokens = TokenCounts(
        input: pick("inputTokens"), output: pick("outputTokens"), cacheRead: pick("cacheReadTokens"),
        cacheWrite: pick("cacheWriteTokens"))
    } else {
      tokens = TokenCounts(
        input: streamedTotals["totalInputTokens"] ?? streamed.input,
        output: streamedTotals["totalOutputTokens"] ?? streamed.output,
        cacheRead: streamedTotals["totalCacheReadTokens"] ?? streamed.cacheRead,
        cacheWrite: streamedTotals["totalCacheWriteTokens"] ?? streamed.cacheWrite)
    }
    tokens.input = max(tokens.input - tokens.cacheRead, 0)
    let actions = result?["iterations"]?.intValue ?? iterations
    return tokens.usage(actions: actions, cost: reportedCostUSD)
  }

  public var reportedCostUSD: Double? {
    let cost = result.map { $0["usage"]?["totalCost"]?.doubleValue } ?? streamedCost
    guard let cost, cost > 0 else { return nil }
    return cost
  }

  public var completed: Bool { result != nil }

  public var resultText: String? {
    if let text = result?["text"]?.stringValue, !text.isEmpty { return text }
    return doneText
  }

  public var failure: AgentFailure? {
    if let result {
      let reason = result["finishReason"]?.stringValue ?? "unknown"
      guard reason != "completed" else { return nil }
      let text = [result["text"]?.stringValue ?? "", lastError ?? ""].first { !$0.isEmpty }
      let message =
        reason == "error" ? text ?? "cline failed" : "cline stopped: \(reason)" + (text.map { ": \($0)" } ?? "")
      return reason == "error" ? .classified(message, code: reason) : AgentFailure(.fatal, message, code: reason)
    }
    if let aborted { return AgentFailure(.fatal, "cline aborted: \(aborted)", code: "aborted") }
    guard case .some(let code) = exitCode else { return nil }
    let detail = ([lastError ?? ""] + errorOutput.suffix(3)).filter { !$0.isEmpty }.joined(separator: " | ")
    let ending = code.map { "exited with status \($0)" } ?? "was ended by a signal"
    let message = "cline \(ending) before run_result" + (detail.isEmpty ? "" : ": \(detail)")
    return AgentFailure(FailureClassifier.classify(detail) ?? .fatal, message, code: code.map { "exit \($0)" })
  }

  public var notes: [String] { notices }
}
