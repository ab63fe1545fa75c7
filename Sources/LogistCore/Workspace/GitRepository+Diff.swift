import CGit2
import Foundation

extension GitRepository {
  /// Runs `body` with the tree of commit `id` looked up (and frees it after).
  func withTree<T>(ofCommit id: String, _ body: (OpaquePointer) throws(LogistError) -> T) throws(LogistError) -> T {
    try withCommit(id) { commit throws(LogistError) -> T in
      var tree: OpaquePointer?
      try Git.check(git_commit_tree(&tree, commit), "cannot read the tree of commit \(id) in \(path)")
      guard let tree else { throw LogistError(.system, "commit \(id) in \(path) has no tree") }
      defer { git_tree_free(tree) }
      return try body(tree)
    }
  }

  /// The changes from commit `base` to the files in the working directory as they are now: committed,
  /// staged and unstaged edits alike, untracked files included (as new files), ignored files left out.
  /// The index plays no part, so a staged change that was undone in the working directory is no change.
  func diffToWorkingDirectory(from base: String) throws(LogistError) -> GitDiff {
    try withTree(ofCommit: base) { tree throws(LogistError) -> GitDiff in
      var options = GitDiff.options(
        flags: GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
          | GIT_DIFF_SHOW_UNTRACKED_CONTENT.rawValue)
      var diff: OpaquePointer?
      let what = "the changes from \(base) to the working directory of \(path)"
      try Git.check(git_diff_tree_to_workdir(&diff, pointer, tree, &options), "cannot compute \(what)")
      guard let diff else { throw LogistError(.system, "cannot compute \(what)") }
      return GitDiff(pointer: diff, what: what)
    }
  }

  /// The changes from commit `parent` (nil: from nothing) to commit `commit`, renames found.
  func diff(from parent: String?, to commit: String) throws(LogistError) -> GitDiff {
    let what = "the changes of commit \(commit) in \(path)"
    let make = { (old: OpaquePointer?, new: OpaquePointer) throws(LogistError) -> GitDiff in
      var options = GitDiff.options()
      var diff: OpaquePointer?
      try Git.check(git_diff_tree_to_tree(&diff, self.pointer, old, new, &options), "cannot compute \(what)")
      guard let diff else { throw LogistError(.system, "cannot compute \(what)") }
      let result = GitDiff(pointer: diff, what: what)
      try result.findRenames()
      return result
    }
    return try withTree(ofCommit: commit) { new throws(LogistError) -> GitDiff in
      guard let parent else { return try make(nil, new) }
      return try withTree(ofCommit: parent) { old throws(LogistError) -> GitDiff in try make(old, new) }
    }
  }
}
