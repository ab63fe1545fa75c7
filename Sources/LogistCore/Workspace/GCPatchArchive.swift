import CGit2
import Foundation

/// The patch series `job gc` keeps in place of a removed workspace: one e-mail patch per commit after
/// the base commit on the first-parent line, oldest first, binary changes included, as one mbox that
/// `git am` applies to a clone of the source at the base commit.
struct GCPatchArchive {
  /// The mbox (patches may hold non-UTF-8 bytes, so it stays bytes).
  var mbox: Data
  /// How many patches it holds.
  var count: Int

  /// Commits after `base` up to `tip`, following first parents only, oldest first (all of them without a base).
  static func commits(in repo: GitRepository, base: String?, tip: String) throws(LogistError) -> [String] {
    var walk: OpaquePointer?
    try Git.check(git_revwalk_new(&walk, repo.pointer), "cannot walk the history of \(repo.path)")
    defer { git_revwalk_free(walk) }
    try Git.check(
      git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue),
      "cannot sort the history of \(repo.path)")
    try Git.check(git_revwalk_simplify_first_parent(walk), "cannot walk first parents in \(repo.path)")
    var tipID = try Git.oid(tip)
    try Git.check(git_revwalk_push(walk, &tipID), "cannot walk from \(tip) in \(repo.path)")
    if let base {
      var baseID = try Git.oid(base)
      try Git.check(git_revwalk_hide(walk, &baseID), "cannot find base commit \(base) in \(repo.path)")
    }
    var result: [String] = []
    var next = git_oid()
    while true {
      let code = git_revwalk_next(&next, walk)
      if code == GIT_ITEROVER.rawValue { break }
      try Git.check(code, "cannot walk the history of \(repo.path)")
      result.append(Git.hex(next))
    }
    return result
  }

  /// The mbox of `commits` (in that order), numbered `[PATCH n/m]` like `git format-patch`.
  static func make(in repo: GitRepository, commits: [String]) throws(LogistError) -> GCPatchArchive {
    var mbox = Data()
    for (index, id) in commits.enumerated() {
      mbox.append(try patch(in: repo, commit: id, number: index + 1, of: commits.count))
    }
    return GCPatchArchive(mbox: mbox, count: commits.count)
  }

  /// One commit as an e-mail: its diff against its first parent (renames found, binary files in full).
  private static func patch(in repo: GitRepository, commit id: String, number: Int, of total: Int)
    throws(LogistError) -> Data
  {
    try repo.withCommit(id) { commit throws(LogistError) -> Data in
      var diffOptions = git_diff_options()
      git_diff_options_init(&diffOptions, UInt32(GIT_DIFF_OPTIONS_VERSION))
      diffOptions.flags = GIT_DIFF_SHOW_BINARY.rawValue
      let diff = try firstParentDiff(in: repo, commit: commit, id: id, options: &diffOptions)
      defer { git_diff_free(diff) }
      var options = git_email_create_options()
      options.version = UInt32(GIT_EMAIL_CREATE_OPTIONS_VERSION)
      options.flags = GIT_EMAIL_CREATE_DEFAULT.rawValue
      options.diff_opts = diffOptions
      git_diff_find_options_init(&options.diff_find_opts, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
      try Git.check(git_diff_find_similar(diff, &options.diff_find_opts), "cannot find renames in commit \(id)")
      var buffer = git_buf()
      let code = git_email_create_from_diff(
        &buffer, diff, number, total, git_commit_id(commit), git_commit_summary(commit), git_commit_body(commit),
        git_commit_author(commit), &options)
      let data = Git.take(&buffer)
      try Git.check(code, "cannot write commit \(id) of \(repo.path) as a patch")
      return data
    }
  }

  /// The diff from `commit`'s first parent (the empty tree for a root commit) to `commit`.
  private static func firstParentDiff(
    in repo: GitRepository, commit: OpaquePointer, id: String, options: inout git_diff_options
  ) throws(LogistError) -> OpaquePointer {
    var tree: OpaquePointer?
    try Git.check(git_commit_tree(&tree, commit), "cannot read the tree of commit \(id)")
    defer { git_tree_free(tree) }
    var parentTree: OpaquePointer?
    if git_commit_parentcount(commit) > 0 {
      var parent: OpaquePointer?
      try Git.check(git_commit_parent(&parent, commit, 0), "cannot read the parent of commit \(id)")
      defer { git_commit_free(parent) }
      try Git.check(git_commit_tree(&parentTree, parent), "cannot read the parent tree of commit \(id)")
    }
    defer { git_tree_free(parentTree) }
    var diff: OpaquePointer?
    try Git.check(
      git_diff_tree_to_tree(&diff, repo.pointer, parentTree, tree, &options), "cannot diff commit \(id)")
    guard let diff else { throw LogistError(.system, "cannot diff commit \(id) in \(repo.path)") }
    return diff
  }
}
