import Foundation

/// Token totals of one Codex thread, as `turn.completed` reports them (cumulative over the thread).
public struct CodexTotals: Codable, Sendable, Equatable {
  /// `input_tokens`, cached ones included.
  public var inputTokens: Int
  /// `cached_input_tokens`, a part of the input.
  public var cachedInputTokens: Int
  /// `output_tokens`, reasoning included.
  public var outputTokens: Int

  /// Makes totals.
  public init(inputTokens: Int = 0, cachedInputTokens: Int = 0, outputTokens: Int = 0) {
    self.inputTokens = inputTokens
    self.cachedInputTokens = cachedInputTokens
    self.outputTokens = outputTokens
  }
}

/// Reads `codex exec --json` (JSONL events).
///
/// Pitfalls handled: `turn.completed.usage` is the thread's cumulative total, so the usage of this
/// run is the last total minus the totals the thread had before (``CodexTotals`` of the previous
/// run, given when resuming); `input_tokens` includes the cached ones, which become cache reads;
/// no cost is reported; a killed run has no usage event and so no tokens; `error` events such as
/// `Reconnecting... n/5` are not failures, only `turn.failed` is; the JSON decides over the exit
/// code (exit 0 after `turn.failed` is a failure, a non-zero exit after `turn.completed` is not).
/// Actions are the tool calls the agent made (commands, file changes, MCP and web calls), since
/// one `exec` is a single Codex turn.
public struct CodexParser: AgentOutputParser {
  /// The thread's totals before this run (zero for a new thread).
  public let baseline: CodexTotals
  /// The thread's totals after the last `turn.completed`.
  public private(set) var totals: CodexTotals?
  /// `turn.completed` events seen.
  public private(set) var turns = 0
  private var toolCalls = RecentKeys()
  private var agentMessage: String?
  private var plan: String?
  private var turnFailure: String?
  private var lastError: String?
  private var warnings: [String] = []
  private var errorOutput = RecentLines()
  private var exitCode: Int32??

  public private(set) var model: String?
  public private(set) var sessionID: String?
  public private(set) var lastActivity: String?

  /// A parser for one run; `model` is the one put on the command line (the stream does not name it).
  public init(baseline: CodexTotals = CodexTotals(), model: String? = nil) {
    self.baseline = baseline
    self.model = model
  }

  public mutating func feed(line: Data) {
    guard let event = FormatText.object(line) else { return }
    switch event["type"]?.stringValue {
    case "thread.started":
      sessionID = event["thread_id"]?.stringValue ?? sessionID
      lastActivity = "started"
    case "turn.completed":
      turns += 1
      let usage = event["usage"]
      totals = CodexTotals(
        inputTokens: usage?["input_tokens"]?.intValue ?? 0,
        cachedInputTokens: usage?["cached_input_tokens"]?.intValue ?? 0,
        outputTokens: usage?["output_tokens"]?.intValue ?? 0)
      lastActivity = "turn completed"
    case "turn.failed":
      turnFailure = event["error"]?["message"]?.stringValue ?? "turn failed"
      lastActivity = "turn failed"
    case "error":
      let message = event["message"]?.stringValue ?? "error"
      lastError = message
      lastActivity = FormatText.short(message, limit: 80)
    case "item.started", "item.updated", "item.completed":
      item(event["item"], completed: event["type"]?.stringValue == "item.completed")
    default: break
    }
  }

  private mutating func item(_ item: JSONValue?, completed: Bool) {
    guard let item, let type = item["type"]?.stringValue else { return }
    let id = item["id"]?.stringValue ?? UUID().uuidString
    switch type {
    case "agent_message":
      if completed { agentMessage = item["text"]?.stringValue ?? agentMessage }
      lastActivity = "says: " + FormatText.short(item["text"]?.stringValue ?? "", limit: 80)
    case "plan":
      if completed { plan = item["text"]?.stringValue ?? plan }
    case "reasoning":
      lastActivity = "thinking: " + FormatText.short(item["text"]?.stringValue ?? "", limit: 70)
    case "command_execution":
      if completed { toolCalls.insert(id) }
      lastActivity = "$ " + FormatText.short(item["command"]?.stringValue ?? "", limit: 80)
    case "file_change":
      if completed { toolCalls.insert(id) }
      let paths = item["changes"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
      lastActivity = "edit: " + FormatText.short(paths.joined(separator: ", "), limit: 80)
    case "mcp_tool_call", "web_search", "collab_tool_call":
      if completed { toolCalls.insert(id) }
      lastActivity = type.replacingOccurrences(of: "_", with: " ")
    case "error":
      if completed, let message = item["message"]?.stringValue {
        FormatText.note(FormatText.short(message), in: &warnings)
      }
    default: break
    }
  }

  public mutating func feed(errorLine: Data) { errorOutput.remember(errorLine) }

  public mutating func finish(exitCode: Int32?) { self.exitCode = .some(exitCode) }
}

extension CodexParser {
  public var usage: Usage {
    guard let totals else { return Usage(actions: toolCalls.count) }
    let input = max(totals.inputTokens - baseline.inputTokens, 0)
    let cached = min(max(totals.cachedInputTokens - baseline.cachedInputTokens, 0), input)
    let output = max(totals.outputTokens - baseline.outputTokens, 0)
    return Usage(inputTokens: input - cached, outputTokens: output, cacheReadTokens: cached, actions: toolCalls.count)
  }

  public var reportedCostUSD: Double? { nil }

  public var completed: Bool { totals != nil || turnFailure != nil }

  public var resultText: String? { agentMessage ?? plan }

  public var failure: AgentFailure? {
    if let turnFailure { return .classified(turnFailure, code: "turn.failed") }
    if totals != nil { return nil }
    guard case .some(let code) = exitCode else { return nil }
    let detail = ([lastError ?? ""] + errorOutput.suffix(3)).filter { !$0.isEmpty }.joined(separator: " | ")
    let ending = code.map { "exited with status \($0)" } ?? "was ended by a signal"
    let message = "codex \(ending) before turn.completed" + (detail.isEmpty ? "" : ": \(detail)")
    return AgentFailure(FailureClassifier.classify(detail) ?? .fatal, message, code: code.map { "exit \($0)" })
  }

  public var notes: [String] {
    var notes = warnings
    if totals != nil, turnFailure == nil, case .some(.some(let code)) = exitCode, code != 0 {
      notes.append("codex exited with status \(code) after a completed turn; the turn counts")
    }
    return notes
  }
}
