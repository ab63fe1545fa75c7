import Foundation
import Testing

/// Helpers for the index suites: the database file, the `sqlite3` CLI, answers to compare.
extension Sandbox {
  /// `<jobs>/logist.db`.
  var database: URL { jobs.appendingPathComponent("logist.db") }

  /// Runs the `sqlite3` CLI on the database; returns its trimmed standard output.
  func sqlite(_ sql: String) throws -> String {
    let result = try run([database.path, sql], executable: URL(fileURLWithPath: "/usr/bin/sqlite3"))
    #expect(result.status == 0, "sqlite3 \(sql): \(result.stderr)")
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Deletes the database and its WAL files.
  func deleteDatabase() {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
  }

  /// Runs a read command that must succeed; returns its standard output.
  func read(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try logist(args)
    #expect(result.status == 0, "\(args): \(result.stderr)", sourceLocation: sourceLocation)
    return result.stdout
  }

  /// What every index-backed query answers, for before/after comparisons (index events left out, since
  /// a rebuild adds one).
  func indexAnswers() throws -> [String] {
    let events = try read(["events", "--json"])
    let rows = try Sandbox.json(events) as? [[String: Any]] ?? []
    let kept = rows.filter { ($0["kind"] as? String)?.hasPrefix("index.") == false }
    let eventText = String(
      decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
    return [
      try read(["job", "list"]), try read(["job", "list", "--json", "--sort", "cost"]),
      try read(["job", "list", "--status", "succeeded"]), try read(["search", "greet"]),
      try read(["search", "greet*", "--json"]), try read(["stats", "--json"]), try read(["stats"]), eventText,
      try read(["events", "--job", "done", "--kind", "phase"]),
    ]
  }

  /// Four jobs in four states: done (succeeded), loop (succeeded after a rejection), gate (awaiting
  /// approval), todo (ready).
  func fourJobs() throws {
    try create("done", from: "hello-world")
    try create("loop", from: "review-loop")
    try create("gate", from: "needs-approval")
    try create("todo", from: "hello-world")
    for id in ["done", "loop", "gate"] { _ = try logist(["job", "run", id]) }
  }
}
