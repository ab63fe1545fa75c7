/// Checks lexically that a path stays inside the workspace and out of its git metadata
/// (``FileEdits`` also refuses symbolic links on the way).
public enum WorkspacePath {
  /// Why `path` is not a workspace-relative path inside the workspace, or nil when it is.
  public static func problem(_ path: String) -> String? {
    if path.isEmpty { return "is empty" }
    if path.hasPrefix("/") { return "is absolute; give a path relative to the workspace" }
    if path.hasPrefix("~") { return "starts with ~; give a path relative to the workspace" }
    if path.utf8.contains(0) { return "contains a NUL byte" }
    var depth = 0
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == ".git", depth == 0 { return "is the workspace's git metadata; Logist commits for you" }
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
