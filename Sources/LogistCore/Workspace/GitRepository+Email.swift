import CGit2
import Foundation

extension GitRepository {
  /// The commits from `base` (exclusive) to `tip` (inclusive), oldest first, following first parents, each
  /// with its first parent. Throws when `base` is not on that path.
  func firstParentChain(from base: String, to tip: String) throws(LogistError) -> [(commit: String, parent: String)] {
    var chain: [(commit: String, parent: String)] = []
    var current = tip
    while current != base {
      let parent = try withCommit(current) { commit throws(LogistError) -> String? in
        git_commit_parentcount(commit) == 0 ? nil : git_commit_parent_id(commit, 0).map { Git.hex($0.pointee) }
      }
      guard let parent else {
        throw .invalid(
          "base commit \(base) is not on the first-parent history of \(tip) in \(path) "
            + "(was the branch rewritten by hand?); `git log --first-parent` there shows its history")
      }
      chain.append((current, parent))
      current = parent
    }
    return chain.reversed()
  }

  /// Commit `id` as one mail of a patch series (`[PATCH number/count]`, its author, date and message),
  /// with `diff` (its changes) as the patch, binary files included, in the mbox form `git am` reads.
  func email(commit id: String, diff: GitDiff, number: Int, count: Int) throws(LogistError) -> Data {
    try withCommit(id) { commit throws(LogistError) -> Data in
      var options = git_email_create_options()
      options.version = UInt32(GIT_EMAIL_CREATE_OPTIONS_VERSION)
      options.flags = GIT_EMAIL_CREATE_ALWAYS_NUMBER.rawValue
      options.diff_opts = GitDiff.options()
      options.diff_find_opts = GitDiff.renameOptions()
      options.start_number = 1
      guard let oid = git_commit_id(commit), let author = git_commit_author(commit) else {
        throw LogistError(.system, "cannot read commit \(id) in \(path)")
      }
      var buffer = git_buf()
      let code = git_email_create_from_diff(
        &buffer, diff.pointer, number, count, oid, git_commit_summary(commit), git_commit_body(commit), author,
        &options)
      let data = Git.take(&buffer)
      try Git.check(code, "cannot write commit \(id) of \(path) as a patch")
      return data
    }
  }
}
