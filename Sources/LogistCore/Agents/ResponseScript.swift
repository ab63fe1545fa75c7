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
    /// Usage reported part-way, each after its delay, before the response.
    public var stream: [(delaySeconds: Double, usage: ReportedUsage)] = []

    public static func == (lhs: Entry, rhs: Entry) -> Bool {
      lhs.phase == rhs.phase && lhs.raw == rhs.raw && lhs.delaySeconds == rhs.delaySeconds && lhs.files == rhs.files
        && lhs.stream.map(\.delaySeconds) == rhs.stream.map(\.delaySeconds)
        && lhs.stream.map(\.usage) == rhs.stream.map(\.usage)
    }
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
      var stream: [(delaySeconds: Double, usage: ReportedUsage)] = []
      for (stepIndex, step) in (item["stream"]?.arrayValue ?? []).enumerated() {
        let usage = try SchemaCatalog.decode(
          ReportedUsage.self, from: step["usage"] ?? .object([:]), file: "\(file): [\(index)].stream[\(stepIndex)]")
        stream.append((step["delaySeconds"]?.doubleValue ?? 0, usage))
      }
      let delay = item["delaySeconds"]?.doubleValue ?? 0
      entries.append(Entry(phase: phase, raw: raw, delaySeconds: delay, files: files, stream: stream))
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
