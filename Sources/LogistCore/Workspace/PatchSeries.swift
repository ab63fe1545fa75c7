import Foundation

/// A job branch as a series of patches in one mbox: one mail per commit after the base commit (first
/// parents, oldest first), `[PATCH n/m]` with the commit's message, author and date, binary files as git
/// binary patches. `git am` applies it onto the base commit and ends with the tree of the branch tip.
public struct PatchSeries: Sendable {
  /// The mbox bytes (empty when the branch has no commit after the base).
  public var mbox: Data
  /// The commits in the series, oldest first.
  public var commits: [String]
  /// Commits after the base that change nothing (left out: `git am` refuses an empty patch).
  public var emptyCommits: [String]
  /// The base commit the series applies to.
  public var base: String
  /// The branch tip the series ends at.
  public var tip: String
  /// Files of the working directory that differ from the tip (they are not in the series).
  public var uncommitted: [WorkspaceChange]
  /// The archive the series was read from, when `job gc` had removed the workspace and kept its
  /// commits as `workspace.mbox`.
  public var archive: String? = nil

  /// The series of `tip` over `base` in `repo`; `withUncommitted` also lists the working directory's
  /// uncommitted changes (only meaningful for a repository opened through its checkout).
  static func make(_ repo: GitRepository, base: String, tip: String, withUncommitted: Bool = true)
    throws(LogistError) -> PatchSeries
  {
    var changes: [(commit: String, diff: GitDiff)] = []
    var empty: [String] = []
    for link in try repo.firstParentChain(from: base, to: tip) {
      let diff = try repo.diff(from: link.parent, to: link.commit)
      if diff.count == 0 {
        empty.append(link.commit)
      } else {
        changes.append((link.commit, diff))
      }
    }
    var mbox = Data()
    for (offset, change) in changes.enumerated() {
      mbox += try repo.email(commit: change.commit, diff: change.diff, number: offset + 1, count: changes.count)
    }
    return PatchSeries(
      mbox: mbox, commits: changes.map(\.commit), emptyCommits: empty, base: base, tip: tip,
      uncommitted: withUncommitted ? try repo.changes() : [])
  }
}
