import Foundation

/// Reads Claude Code's headless output: `claude -p --output-format stream-json --verbose` (one
/// event per line, the last a `result`), and also `--output-format json` (one result object, or,
/// when `--verbose` is on, one array of every message whose last `result` element counts).
///
/// Pitfalls handled: each content block of one message is its own `assistant` event repeating the
/// message's usage, so usage is kept per message id, taking the largest value of each bucket;
/// cost and authoritative totals come only in the final `result`, so a cut-off stream keeps the
/// streamed usage; `total_cost_usd` is cumulative for the process, so the last result wins and
/// results are never summed; `result.usage` misses subagents, so `modelUsage` is summed too and the
/// larger value of each bucket kept; an API error arrives as `subtype: success` with
/// `is_error: true`, a budget stop as `error_max_budget_usd` with `is_error: false`, so both are
/// checked; `permission_denials` and `--max-turns` overruns are notes, not failures; keys are not
/// matched by position; the JSON decides, the exit code only counts when there is no result.
public struct ClaudeStreamParser: AgentOutputParser {
  /// The `--max-turns` given to the tool, to note an overrun.
  public let maxTurns: Int?
  /// The most recent messages, whose per-bucket maxima may still grow; `streamed` is the sum over all.
  private var messages = RecentKeys()
  private var messageTokens: [String: TokenCounts] = [:]
  private var streamed = TokenCounts()
  private var mainLoopMessages = RecentKeys()
  private var lastText: (id: String, blocks: [String])?
  private var result: ClaudeResult?
  private var pendingDocument: [UInt8] = []
  private var otherOutput = RecentLines()
  private var errorOutput = RecentLines()
  private var rateLimited: String?
  private var exitCode: Int32??

  public private(set) var model: String?
  public private(set) var sessionID: String?
  public private(set) var lastActivity: String?

  /// A parser for one run.
  public init(maxTurns: Int? = nil) { self.maxTurns = maxTurns }

  public mutating func feed(line: Data) {
    let start = line.first { $0 != 0x20 && $0 != 0x09 }
    let opens = start == UInt8(ascii: "{") || start == UInt8(ascii: "[")
    if pendingDocument.isEmpty && !opens { return otherOutput.remember(line) }
    let alone =
      opens ? (try? JSONValue.parse(line)).flatMap { $0.objectValue != nil || $0.arrayValue != nil ? $0 : nil } : nil
    if pendingDocument.isEmpty, let alone { return handle(alone) }
    // A document spread over several lines (pretty-printed `json` output), parsed again only at a
    // line that can end it, and given up beyond the splitter's line limit.
    pendingDocument.append(contentsOf: line)
    pendingDocument.append(0x0A)
    let last = line.last { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
    let mayEnd = last == UInt8(ascii: "}") || last == UInt8(ascii: "]")
    if mayEnd, let value = try? JSONValue.parse(Data(pendingDocument)) {
      pendingDocument.removeAll()
      handle(value)
    } else if let alone, line.first == UInt8(ascii: "{") {
      pendingDocument.removeAll()
      handle(alone)
    } else if pendingDocument.count > LineSplitter.defaultLimit {
      pendingDocument.removeAll()
    }
  }

  /// A line too long to parse: it ends any document being gathered and is quoted if the run fails.
  public mutating func feed(cutLine: OutputLine) {
    pendingDocument.removeAll()
    otherOutput.remember(cutLine.bytes)
  }

  public mutating func feed(errorLine: Data) { errorOutput.remember(errorLine) }

  public mutating func finish(exitCode: Int32?) { self.exitCode = .some(exitCode) }

  private mutating func handle(_ value: JSONValue) {
    if let elements = value.arrayValue {
      for element in elements { handle(element) }
    } else if value.objectValue != nil {
      event(value)
    }
  }

  private mutating func event(_ event: JSONValue) {
    if let id = event["session_id"]?.stringValue { sessionID = id }
    switch event["type"]?.stringValue {
    case "system": system(event)
    case "assistant": assistant(event)
    case "result":
      let final = ClaudeResult(event)
      result = final
      model = model ?? final.models.first
      lastActivity = final.failed ? "failed: \(final.subtype)" : "finished"
    case "rate_limit_event":
      let info = event["rate_limit_info"]
      if info?["status"]?.stringValue == "rejected" {
        let resets = info?["resetsAt"]?.intValue.map { " (resets at \(Self.time($0)))" } ?? ""
        rateLimited = "rate limit reached\(resets)"
        lastActivity = rateLimited
      }
    default: break
    }
  }

  private mutating func system(_ event: JSONValue) {
    switch event["subtype"]?.stringValue {
    case "init":
      model = event["model"]?.stringValue ?? model
      lastActivity = "started" + (model.map { " (\($0))" } ?? "")
    case "api_retry":
      let attempt = event["attempt"]?.intValue.map { " (attempt \($0))" } ?? ""
      lastActivity = "retrying the API request\(attempt)"
    default: break
    }
  }

  private mutating func assistant(_ event: JSONValue) {
    guard let message = event["message"] else { return }
    let id = message["id"]?.stringValue ?? event["uuid"]?.stringValue ?? "message-\(messages.count)"
    if let forgotten = messages.insert(id).forgotten { messageTokens[forgotten] = nil }
    let before = messageTokens[id] ?? TokenCounts()
    let after = before.maximum(ClaudeResult.tokens(message["usage"]))
    messageTokens[id] = after
    streamed = streamed + after - before
    let mainLoop = event["parent_tool_use_id"]?.stringValue == nil
    if mainLoop {
      mainLoopMessages.insert(id)
      if let name = message["model"]?.stringValue, !name.hasPrefix("<") { model = model ?? name }
    }
    for block in message["content"]?.arrayValue ?? [] {
      switch block["type"]?.stringValue {
      case "text":
        let text = block["text"]?.stringValue ?? ""
        guard mainLoop, !text.isEmpty else { continue }
        if lastText?.id != id { lastText = (id, []) }
        if lastText?.blocks.last != text { lastText?.blocks.append(text) }
        while let blocks = lastText?.blocks, blocks.count > 1,
          blocks.reduce(0, { $0 + $1.utf8.count }) > LineSplitter.defaultLimit
        {
          lastText?.blocks.removeFirst()
        }
        lastActivity = "says: " + FormatText.short(text, limit: 80)
      case "tool_use":
        lastActivity = Self.describeTool(block)
      case "thinking":
        lastActivity = "thinking"
      default: break
      }
    }
  }

  /// `Bash: git status`, `Read: /src/a.swift`.
  static func describeTool(_ block: JSONValue) -> String {
    let name = block["name"]?.stringValue ?? "tool"
    let keys = ["command", "file_path", "path", "pattern", "url", "query", "description", "prompt"]
    guard let detail = keys.lazy.compactMap({ block["input"]?[$0]?.stringValue }).first else { return name }
    return name + ": " + FormatText.short(detail, limit: 80)
  }

  static func time(_ epoch: Int) -> String {
    JSONCoding.format(Date(timeIntervalSince1970: TimeInterval(epoch)))
  }
}

extension ClaudeStreamParser {
  public var usage: Usage {
    guard let result else { return streamed.usage(actions: mainLoopMessages.count, cost: nil) }
    return streamed.maximum(result.tokens).usage(actions: result.turns ?? mainLoopMessages.count, cost: result.cost)
  }

  public var reportedCostUSD: Double? { result?.cost }

  public var completed: Bool { result != nil }

  public var resultText: String? {
    if let text = result?.text, !text.isEmpty { return text }
    guard let blocks = lastText?.blocks, !blocks.isEmpty else { return nil }
    return blocks.joined(separator: "\n")
  }

  public var failure: AgentFailure? {
    if let result { return result.failure }
    guard case .some(let code) = exitCode else { return nil }
    let said = (errorOutput.suffix(3) + otherOutput.suffix(2)).joined(separator: " | ")
    let detail = [rateLimited ?? "", said].filter { !$0.isEmpty }.joined(separator: "; ")
    let ending = code.map { "exited with status \($0)" } ?? "was ended by a signal"
    let message = "claude \(ending) before its final result event" + (detail.isEmpty ? "" : ": \(detail)")
    let kind = rateLimited != nil ? .transient : FailureClassifier.classify(detail) ?? .fatal
    return AgentFailure(kind, message, code: code.map { "exit \($0)" } ?? "signal")
  }

  public var notes: [String] {
    var notes: [String] = []
    if let denied = result?.deniedTools, !denied.isEmpty {
      notes.append("permission denied for \(denied.count) tool call(s): \(denied.joined(separator: ", "))")
    }
    if let maxTurns, let turns = result?.turns, turns > maxTurns + 1 {
      notes.append("ran \(turns) turns although --max-turns was \(maxTurns)")
    }
    return notes
  }
}
