/// Checks that a path stays inside the workspace (lexically: the workspace itself comes later).
public enum WorkspacePath {
  /// Why `path` is not a workspace-relative path inside the workspace, or nil when it is.
  public static func problem(_ path: String) -> String? {
    if path.isEmpty { return "is empty" }
    if path.hasPrefix("/") { return "is absolute; give a path relative to the workspace" }
    if path.hasPrefix("~") { return "starts with ~; give a path relative to the workspace" }
    if path.utf8.contains(0) { return "contains a NUL byte" }
    var depth = 0
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == ".." {
        depth -= 1
        if depth < 0 { return "leaves the workspace" }
      } else if part != "." {
        depth += 1
      }
    }
    return nil
  }
}
