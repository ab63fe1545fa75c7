import CGit2
import Foundation

/// An owned `git_diff *`: the changes between two trees, or a tree and a working directory. Its texts are
/// bytes (`Data`), since a patch may hold bytes that are not UTF-8. Not `Sendable`, like its repository.
final class GitDiff {
  /// The `git_diff *`.
  let pointer: OpaquePointer
  /// What was compared (for messages).
  let what: String

  /// Takes ownership of `pointer`.
  init(pointer: OpaquePointer, what: String) {
    self.pointer = pointer
    self.what = what
  }

  deinit { git_diff_free(pointer) }

  /// Options every Logist diff uses: binary files as git binary patches (so `git apply` can use them),
  /// full object ids in `index` lines (implied by `GIT_DIFF_SHOW_BINARY`), three lines of context.
  static func options(flags: UInt32 = 0) -> git_diff_options {
    var options = git_diff_options()
    git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
    options.flags = GIT_DIFF_SHOW_BINARY.rawValue | flags
    return options
  }

  /// Options that find renames (not copies), as `git diff` and `git format-patch` do by default.
  static func renameOptions() -> git_diff_find_options {
    var options = git_diff_find_options()
    git_diff_find_options_init(&options, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
    options.flags = GIT_DIFF_FIND_RENAMES.rawValue
    return options
  }

  /// Pairs deleted and added files that are renames of each other.
  func findRenames() throws(LogistError) {
    var options = Self.renameOptions()
    try Git.check(git_diff_find_similar(pointer, &options), "cannot find renames in \(what)")
  }

  /// How many files differ.
  var count: Int { git_diff_num_deltas(pointer) }

  /// The unified diff, as `git diff --binary` prints it.
  func patch() throws(LogistError) -> Data {
    var buffer = git_buf()
    let code = git_diff_to_buf(&buffer, pointer, GIT_DIFF_FORMAT_PATCH)
    let data = Git.take(&buffer)
    try Git.check(code, "cannot print \(what)")
    return data
  }

  /// The diffstat, as `git diff --stat --summary` prints it (lines of `width` columns at most).
  func stat(width: Int = 80) throws(LogistError) -> Data {
    var stats: OpaquePointer?
    try Git.check(git_diff_get_stats(&stats, pointer), "cannot count the changes of \(what)")
    defer { git_diff_stats_free(stats) }
    var buffer = git_buf()
    let format = git_diff_stats_format_t(GIT_DIFF_STATS_FULL.rawValue | GIT_DIFF_STATS_INCLUDE_SUMMARY.rawValue)
    let code = git_diff_stats_to_buf(&buffer, stats, format, width)
    let data = Git.take(&buffer)
    try Git.check(code, "cannot print the diffstat of \(what)")
    return data
  }
}
