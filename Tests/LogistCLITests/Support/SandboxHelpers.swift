import Foundation
import Testing

/// Helpers on top of ``Sandbox`` shared by the end-to-end suites.
extension Sandbox {
  /// Copies the repository template `template` to `<root>/<name>` so a test can edit it; returns the copy.
  func copyTemplate(_ template: String, as name: String) throws -> URL {
    let copy = root.appendingPathComponent(name)
    try FileManager.default.copyItem(at: Sandbox.template(template), to: copy)
    return copy
  }

  /// Creates job `id` from a template directory anywhere on disk.
  @discardableResult
  func create(_ id: String, fromDirectory directory: URL) throws -> CLIResult {
    let result = try logist(["job", "create", id, "--from", directory.path])
    #expect(result.status == 0, "create failed: \(result.stderr)")
    return result
  }

  /// A copy of the hello-world template whose replayed responses each take `delay` seconds.
  func slowTemplate(delay: Double, name: String = "slow-template") throws -> URL {
    let dir = root.appendingPathComponent(name)
    try FileManager.default.copyItem(at: Sandbox.template("hello-world"), to: dir)
    let url = dir.appendingPathComponent("responses.json")
    var entries = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]] ?? []
    for index in entries.indices { entries[index]["delaySeconds"] = delay }
    try JSONSerialization.data(withJSONObject: entries).write(to: url)
    return dir
  }

  /// The bytes of `<job>/job.json`.
  func manifestData(_ id: String) throws -> Data {
    try Data(contentsOf: jobDirectory(id).appendingPathComponent("job.json"))
  }

  /// The manifest's history entries.
  func history(_ id: String) throws -> [[String: Any]] {
    try manifest(id)["history"] as? [[String: Any]] ?? []
  }

  /// `job history ID --json`, parsed.
  func historyJSON(_ id: String) throws -> [[String: Any]] {
    let result = try logist(["job", "history", id, "--json"])
    #expect(result.status == 0, "history failed: \(result.stderr)")
    return try Sandbox.json(result.stdout) as? [[String: Any]] ?? []
  }

  /// Names of the run archive directories of job `id` (`0001-implement`, …), sorted.
  func runNames(_ id: String) -> [String] {
    let runs = jobDirectory(id).appendingPathComponent("runs")
    return ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []).sorted()
  }

  /// A file of a run archive: `runFile("x", "0001-implement", "prompt.md")`.
  func runFile(_ id: String, _ run: String, _ name: String) throws -> Data {
    try Data(contentsOf: jobDirectory(id).appendingPathComponent("runs/\(run)/\(name)"))
  }

  /// Writes `text` to `<root>/<relative>`, creating directories; returns the file.
  @discardableResult
  func write(_ text: String, to relative: String) throws -> URL {
    let url = root.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
  }

  /// Parses JSON text (objects or arrays).
  static func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  }

  /// Reads, edits and rewrites a JSON file (pretty-printed, as a person might save it).
  static func editJSON(_ url: URL, _ edit: (inout Any) -> Void) throws {
    var value = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    edit(&value)
    try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys]).write(to: url)
  }

  /// Makes phase `index` of a template's job.json use role `role`.
  static func setRole(_ role: String, ofPhase index: Int, in template: URL) throws {
    try editJSON(template.appendingPathComponent("job.json")) { value in
      var object = value as? [String: Any] ?? [:]
      var phases = object["phases"] as? [[String: Any]] ?? []
      phases[index]["role"] = role
      object["phases"] = phases
      value = object
    }
  }

  /// The job's `events.jsonl` as objects (lines that are not JSON, such as a torn one, left out).
  func events(_ id: String) throws -> [[String: Any]] {
    let data = try Data(contentsOf: jobDirectory(id).appendingPathComponent("events.jsonl"))
    return data.split(separator: 0x0A).compactMap {
      try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
    }
  }
}

/// Fails when a command crashed instead of reporting an error.
func expectNoCrash(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
  for marker in ["Fatal error", "Stack dump", "Current stack trace", "SIGSEGV", "SIGILL"] {
    #expect(!result.stderr.contains(marker), "crash output in stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(!result.stdout.contains(marker), "crash output in stdout: \(result.stdout)", sourceLocation: sourceLocation)
  }
}

/// The non-empty lines of `text`.
func lines(_ text: String) -> [String] {
  text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// Polls `condition` every 20 ms until it holds; throws after `timeout` seconds.
func waitFor(_ what: String, timeout: Double = 10, _ condition: () -> Bool) throws {
  let deadline = Date().addingTimeInterval(timeout)
  while !condition() {
    guard Date() < deadline else { throw GitWitness.Failure(description: "timed out waiting for \(what)") }
    usleep(20_000)
  }

}
