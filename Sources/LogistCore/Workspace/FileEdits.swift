import Foundation

/// Applies a replay entry's `files` edits inside a workspace, refusing any path that would leave it
/// (`..`, absolute paths, or a symbolic link on the way).
enum FileEdits {
  /// Applies `edits` (`{path, content}` or `{path, delete: true}`) in order; returns why it failed, if it did.
  static func apply(_ edits: [JSONValue], in workspace: URL) -> String? {
    for (index, edit) in edits.enumerated() {
      let path = edit["path"]?.stringValue ?? ""
      if let problem = WorkspacePath.problem(path) ?? linkProblem(path, in: workspace) {
        return "replay edit files[\(index)]: \"\(path)\" \(problem)"
      }
      let url = workspace.appendingPathComponent(path)
      do {
        if edit["delete"] == .bool(true) {
          if (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil {
            try FileManager.default.removeItem(at: url)
          }
        } else {
          try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data((edit["content"]?.stringValue ?? "").utf8).write(to: url)
        }
      } catch {
        return "replay edit files[\(index)]: cannot write \"\(path)\": \(error.localizedDescription)"
      }
    }
    return nil
  }

  /// Refuses a path whose existing parts include a symbolic link (which could point outside), or whose
  /// last part is a symbolic link.
  private static func linkProblem(_ path: String, in workspace: URL) -> String? {
    var current = workspace.path
    for part in path.split(separator: "/") {
      current += "/" + part
      var info = stat()
      guard lstat(current, &info) == 0 else { return nil }
      if info.st_mode & S_IFMT == S_IFLNK { return "goes through the symbolic link \(current)" }
    }
    return nil
  }
}
