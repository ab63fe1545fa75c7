import Foundation

/// Reads Cline 3.x `cline --json` (NDJSON records: `run_start` with `-v`, `hook_event`,
/// `agent_event`, `run_result`, `run_aborted`; errors as JSON on stderr). Cline 1.x and 2.x print
/// other formats and are not supported.
///
/// Pitfalls handled: non-JSON lines (ANSI `[warn]` lines) on stdout are skipped; `run_result.usage`
/// is the session total and `aggregateUsage` (subagents included) wins where present; before the
/// result, `usage` events give running totals (`total*`) or per-call values, bucket by bucket;
/// `totalCost` of 0 or missing means unknown, not free; `inputTokens` counts cache reads too (the
/// SDK reports AI-SDK totals), so cache reads are taken out of input; the session id is
/// `run_start.sessionId` with `-v`, else the `hook_event` task id; the finish reason decides, not
/// the exit code.
public struct ClineParser: AgentOutputParser {
  var streamed = TokenCounts()
  var streamedTotals: [String: Int] = [:]
  var streamedCost: Double?
  var iterations = 0
  var doneText: String?
  var result: JSONValue?
  var aborted: String?
  var lastError: String?
  var errorOutput = RecentLines()
  var notices: [String] = []
  var hasRunStart = false
  var exitCode: Int32??

  public private(set) var model: String?
  public private(set) var sessionID: String?
  public private(set) var lastActivity: String?

  /// A parser for one run.
  public init() {}

  public mutating func feed(line: Data) {
    guard let record = FormatText.object(line) else { return }
    switch record["type"]?.stringValue {
    case "run_start":
      hasRunStart = true
      sessionID = record["sessionId"]?.stringValue ?? sessionID
      model = record["modelId"]?.stringValue ?? model
      lastActivity = "started"
    case "hook_event":
      if !hasRunStart, sessionID == nil { sessionID = record["taskId"]?.stringValue }
      if let name = record["hookEventName"]?.stringValue {
        lastActivity = name.replacingOccurrences(of: "_", with: " ")
      }
    case "agent_event":
      if let event = record["event"] { agentEvent(event) }
    case "run_result":
      result = record
      model = record["model"]?["id"]?.stringValue ?? model
      lastActivity = "finished: " + (record["finishReason"]?.stringValue ?? "unknown")
    case "run_aborted":
      aborted = [record["reason"]?.stringValue, record["message"]?.stringValue].compactMap { $0 }.joined(
        separator: ": ")
      lastActivity = "aborted"
    case "error":
      lastError = record["message"]?.stringValue ?? lastError
    default: break
    }
  }

  private mutating func agentEvent(_ event: JSONValue) {
    switch event["type"]?.stringValue {
    case "iteration_start":
      iterations = max(iterations, event["iteration"]?.intValue ?? iterations + 1)
      lastActivity = "iteration \(iterations)"
    case "usage":
      streamed =
        streamed
        + TokenCounts(
          input: event["inputTokens"]?.intValue ?? 0, output: event["outputTokens"]?.intValue ?? 0,
          cacheRead: event["cacheReadTokens"]?.intValue ?? 0, cacheWrite: event["cacheWriteTokens"]?.intValue ?? 0)
      for key in ["totalInputTokens", "totalOutputTokens", "totalCacheReadTokens", "totalCacheWriteTokens"] {
        if let value = event[key]?.intValue { streamedTotals[key] = value }
      }
      if let total = event["totalCost"]?.doubleValue {
        streamedCost = total
      } else if let cost = event["cost"]?.doubleValue {
        streamedCost = (streamedCost ?? 0) + cost
      }
    case "content_start":
      if event["contentType"]?.stringValue == "tool" {
        lastActivity = "tool: " + (event["toolName"]?.stringValue ?? "?")
      } else if event["contentType"]?.stringValue == "reasoning" {
        lastActivity = "thinking"
      }
    case "content_end":
      if event["contentType"]?.stringValue == "text", let text = event["text"]?.stringValue {
        lastActivity = "says: " + FormatText.short(text, limit: 80)
      }
    case "notice":
      if let message = event["message"]?.stringValue { FormatText.note(FormatText.short(message), in: &notices) }
    case "done":
      doneText = event["text"]?.stringValue ?? doneText
    case "error":
      let message = event["error"]?.stringValue ?? event["error"]?["message"]?.stringValue ?? "error"
      lastError = message
      lastActivity =
        (event["recoverable"]?.boolValue == true ? "retrying: " : "error: ") + FormatText.short(message, limit: 70)
    default: break
    }
  }

  public mutating func feed(errorLine: Data) {
    if let record = FormatText.object(errorLine), record["type"]?.stringValue == "error" {
      lastError = record["message"]?.stringValue ?? lastError
    } else {
      errorOutput.remember(errorLine)
    }
  }

  public mutating func finish(exitCode: Int32?) { self.exitCode = .some(exitCode) }
}
