import Foundation
import Testing

/// Helpers for suites about job workspaces.
extension Sandbox {
  /// A git repository at `<root>/<name>` (see ``GitWitness/makeRepository(at:commits:)``).
  func gitSource(_ name: String = "source") throws -> URL {
    try GitWitness.makeRepository(at: root.appendingPathComponent(name))
  }

  /// Writes a replay script at `<root>/<name>` whose entries answer `phase` with `action`, applying `files`.
  func responses(_ name: String, _ entries: [(phase: String, action: String, files: [[String: Any]])]) throws -> URL {
    let list: [[String: Any]] = entries.map { entry in
      [
        "phase": entry.phase, "files": entry.files,
        "response": ["action": entry.action, "summary": "\(entry.phase) did \(entry.action.lowercased())"],
      ]
    }
    let url = root.appendingPathComponent(name)
    try JSONSerialization.data(withJSONObject: list, options: [.prettyPrinted]).write(to: url)
    return url
  }

  /// The checkout of job `id`.
  func workspace(_ id: String) -> URL { jobDirectory(id).appendingPathComponent("workspace") }

  /// `git rev-parse REV` in job `id`'s workspace.
  func revision(_ id: String, _ rev: String = "HEAD") throws -> String {
    try GitWitness.git(["rev-parse", rev], in: workspace(id)).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The `commit` of each history entry of job `id` (nil for entries without one).
  func historyCommits(_ id: String) throws -> [String?] {
    try history(id).map { $0["commit"] as? String }
  }
}
