import Foundation
import Testing

/// Templates and roles for the limits suites: three worker phases whose replayed usage is known.
extension Sandbox {
  /// One phase's replayed run.
  struct Step {
    var usage: [String: Any] = ["inputTokens": 3000, "outputTokens": 1000, "costUSD": 0.30, "actions": 4]
    var delay: Double = 0
    var action = "COMPLETED"
    var stream: [[String: Any]] = []
    var editsFile = true
  }

  /// A template `name` with agent phases `a1`, `a2`, … (role worker), one replayed response each.
  func budgetTemplate(name: String, limits: [String: Any], steps: [Step], maxAttempts: Int = 3) throws -> URL {
    let dir = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("seed"), withIntermediateDirectories: true)
    try Data("seed\n".utf8).write(to: dir.appendingPathComponent("seed/README.md"))
    let phases = steps.indices.map {
      ["name": "a\($0 + 1)", "role": "worker", "kind": "agent", "maxAttempts": maxAttempts]
    }
    let job: [String: Any] = [
      "schemaVersion": 1, "title": "Budget \(name)", "goal": "Use a known amount per phase.", "phases": phases,
      "limits": limits,
    ]
    try JSONSerialization.data(withJSONObject: job).write(to: dir.appendingPathComponent("job.json"))
    let entries = steps.enumerated().map { index, step -> [String: Any] in
      var entry: [String: Any] = [
        "phase": "a\(index + 1)", "delaySeconds": step.delay,
        "response": ["action": step.action, "summary": "phase a\(index + 1) done", "usage": step.usage],
      ]
      if step.editsFile { entry["files"] = [["path": "a\(index + 1).txt", "content": "a\(index + 1)\n"]] }
      if !step.stream.isEmpty { entry["stream"] = step.stream }
      return entry
    }
    try JSONSerialization.data(withJSONObject: entries).write(to: dir.appendingPathComponent("responses.json"))
    return dir
  }

  /// A roles directory whose worker has these per-phase limits (and optionally another model).
  func workerRoles(_ limits: [String: Any], model: String? = nil) throws -> URL {
    let dir = root.appendingPathComponent("roles")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var role: [String: Any] = ["limits": limits]
    if let model { role["model"] = model }
    try JSONSerialization.data(withJSONObject: role).write(to: dir.appendingPathComponent("worker.json"))
    return dir
  }

  /// The job's `ledger.jsonl` lines as objects.
  func ledger(_ id: String) throws -> [[String: Any]] {
    let url = jobDirectory(id).appendingPathComponent("ledger.jsonl")
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    return try Data(contentsOf: url).split(separator: 0x0A).compactMap {
      try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
    }
  }

  /// Sum of a numeric ledger field.
  func ledgerSum(_ id: String, _ key: String) throws -> Double {
    try ledger(id).reduce(0) { $0 + (($1[key] as? NSNumber)?.doubleValue ?? 0) }
  }
}

/// A manifest without what legitimately differs between two runs of one template: ids, times, commits,
/// the limits bookkeeping, the save counter (`revision`) and the ledger seal (its hash covers times).
func comparable(_ value: Any) -> Any {
  let volatile: Set<String> = [
    "id", "createdAt", "updatedAt", "startedAt", "endedAt", "commit", "baseCommit", "limits", "limitChanges",
    "limitWarnings", "halt", "revision", "ledger",
  ]
  if let object = value as? [String: Any] {
    return object.filter { !volatile.contains($0.key) }.mapValues(comparable)
  }
  if let array = value as? [Any] { return array.map(comparable) }
  return value
}

/// `comparable(a)` and `comparable(b)` as canonical JSON text, for equality with a readable diff.
func canonical(_ value: Any) throws -> String {
  String(
    decoding: try JSONSerialization.data(withJSONObject: comparable(value), options: [.sortedKeys, .prettyPrinted]),
    as: UTF8.self)
}
