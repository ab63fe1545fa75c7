import CGit2
import Foundation

/// A file whose working-directory state differs from the last commit.
public struct WorkspaceChange: Sendable, Equatable {
  /// `M` modified, `A` new, `D` deleted, `T` type changed, `R` renamed.
  public var kind: Character
  /// Workspace-relative path.
  public var path: String

  /// `M path`.
  public var line: String { "\(kind) \(path)" }
}

extension GitRepository {
  /// Files that differ from HEAD in the index or the working directory (untracked included, ignored not).
  func changes() throws(LogistError) -> [WorkspaceChange] {
    var options = git_status_options()
    git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION))
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
    options.flags =
      GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
      | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
    var list: OpaquePointer?
    try Git.check(git_status_list_new(&list, pointer, &options), "cannot read the status of \(path)")
    defer { git_status_list_free(list) }
    var result: [String: Character] = [:]
    for index in 0..<git_status_list_entrycount(list) {
      guard let entry = git_status_byindex(list, index)?.pointee else { continue }
      let flags = entry.status.rawValue
      guard let delta = entry.index_to_workdir ?? entry.head_to_index else { continue }
      let file = delta.pointee.new_file.path ?? delta.pointee.old_file.path
      guard let file else { continue }
      result[String(cString: file)] = Self.kind(flags)
    }
    return result.keys.sorted().map { WorkspaceChange(kind: result[$0] ?? "M", path: $0) }
  }

  private static func kind(_ flags: UInt32) -> Character {
    let deleted = GIT_STATUS_WT_DELETED.rawValue | GIT_STATUS_INDEX_DELETED.rawValue
    let added = GIT_STATUS_WT_NEW.rawValue | GIT_STATUS_INDEX_NEW.rawValue
    let typeChange = GIT_STATUS_WT_TYPECHANGE.rawValue | GIT_STATUS_INDEX_TYPECHANGE.rawValue
    let renamed = GIT_STATUS_WT_RENAMED.rawValue | GIT_STATUS_INDEX_RENAMED.rawValue
    if flags & deleted != 0 { return "D" }
    if flags & added != 0 { return "A" }
    if flags & typeChange != 0 { return "T" }
    if flags & renamed != 0 { return "R" }
    return "M"
  }

  /// Makes the index and working directory exactly the tree of `commit` and moves the current branch
  /// there: changed files are restored, untracked files removed; ignored files stay.
  func resetHard(to commit: String) throws(LogistError) {
    try withCommit(commit) { object throws(LogistError) in
      var options = git_checkout_options()
      git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
      options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue
      try Git.check(git_reset(pointer, object, GIT_RESET_HARD, &options), "cannot reset \(path) to \(commit)")
    }
  }

  /// Writes the tree of HEAD into the working directory, replacing what is there.
  func checkoutHead() throws(LogistError) {
    var options = git_checkout_options()
    git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
    options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
    try Git.check(git_checkout_head(pointer, &options), "cannot check out HEAD in \(path)")
  }
}
