import Foundation

/// A replay script (`responses.json`): recorded responses, consumed in order per phase.
public struct ResponseScript: Sendable, Equatable {
  /// One recorded phase run.
  public struct Entry: Sendable, Equatable {
    /// Phase it answers.
    public var phase: String
    /// The response as the agent printed it: JSON, or raw text.
    public var raw: Data
    /// Simulated think time.
    public var delaySeconds: Double
    /// Workspace edits (applied once workspaces exist).
    public var files: [JSONValue]
  }

  /// Entries in file order.
  public var entries: [Entry]

  /// Loads and checks a script for a job whose phases are `phases`.
  public static func load(_ data: Data, file: String, phases: [Phase]) throws(LogistError) -> ResponseScript {
    let value = try SchemaCatalog.check(data, file: file, against: .responses)
    let names = phases.map(\.name)
    var entries: [Entry] = []
    for (index, item) in (value.arrayValue ?? []).enumerated() {
      let phase = item["phase"]?.stringValue ?? ""
      guard names.contains(phase) else {
        throw .invalid(
          "\(file): [\(index)].phase: no phase named \"\(phase)\" in this job (phases: \(names.joined(separator: ", ")))"
        )
      }
      let files = item["files"]?.arrayValue ?? []
      for (fileIndex, edit) in files.enumerated() {
        let path = edit["path"]?.stringValue ?? ""
        if let problem = WorkspacePath.problem(path) {
          throw .invalid("\(file): [\(index)].files[\(fileIndex)].path: \"\(path)\" \(problem)")
        }
      }
      let raw: Data
      if let text = item["raw"]?.stringValue {
        raw = Data(text.utf8)
      } else {
        raw = Data(((item["response"] ?? .null).serialized(pretty: true) + "\n").utf8)
      }
      let delay: Double
      switch item["delaySeconds"] {
      case .int(let seconds): delay = Double(seconds)
      case .double(let seconds): delay = seconds
      default: delay = 0
      }
      entries.append(Entry(phase: phase, raw: raw, delaySeconds: delay, files: files))
    }
    return ResponseScript(entries: entries)
  }

  /// The recorded answer for attempt `attempt` of `phase` (the attempt-th entry for that phase).
  public func entry(phase: String, attempt: Int) -> Entry? {
    let forPhase = entries.filter { $0.phase == phase }
    return attempt >= 1 && attempt <= forPhase.count ? forPhase[attempt - 1] : nil
  }

  /// How many entries answer `phase`.
  public func count(for phase: String) -> Int { entries.filter { $0.phase == phase }.count }
}
