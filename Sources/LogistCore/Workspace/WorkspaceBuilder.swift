import CGit2
import Foundation

/// Makes a job's workspace: `<job>/workspace` checked out on branch `logist/<id>` at the base commit,
/// its git directory at `<job>/workspace.git` (so deleting the checkout by hand loses no commit).
enum WorkspaceBuilder {
  /// How local repositories are cloned: objects are copied, never hard-linked or shared (see
  /// docs/performance.md for the measurement behind this), so nothing a job does can reach the source.
  static let localCloneMode = GIT_CLONE_LOCAL_NO_LINKS

  /// Builds the workspace for `source` in `jobDirectory` and returns the source as the manifest records it.
  /// `localMode` is how a local repository is cloned (only `logist-bench` passes another than the default).
  static func build(
    _ source: ResolvedSource, jobID: String, in jobDirectory: URL, date: Date,
    localMode: git_clone_local_t = localCloneMode
  ) throws(LogistError) -> JobSource {
    let workspace = Workspace(jobDirectory: jobDirectory, jobID: jobID)
    let base: String
    switch source.origin {
    case .localGit(let path):
      base = try clone(path, ref: source.ref, mode: localMode, into: workspace, named: source.location ?? path)
    case .remoteGit(let url):
      base = try clone(url, ref: source.ref, mode: GIT_CLONE_LOCAL_AUTO, into: workspace, named: url)
    case .directory(let path):
      base = try importDirectory(path, into: workspace, date: date)
    case .empty:
      base = try importDirectory(nil, into: workspace, date: date)
    }
    try separateGitDirectory(workspace)
    return JobSource(kind: source.kind, location: source.location, ref: source.ref, baseCommit: base)
  }

  private static func clone(
    _ url: String, ref: String?, mode: git_clone_local_t, into workspace: Workspace, named name: String
  ) throws(LogistError) -> String {
    Git.prepare()
    var options = git_clone_options()
    git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION))
    options.local = mode
    options.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE.rawValue
    var pointer: OpaquePointer?
    let code = git_clone(&pointer, url, workspace.directory.path, &options)
    guard code == 0, let pointer else {
      let message = Git.lastMessage(code)
      if SystemCall.saysDiskFull(message) {
        throw LogistError(.system, "cannot clone source \(name): \(message); \(SystemCall.diskFullAdvice)")
      }
      throw .invalid("cannot clone source \(name): \(message); check the path or URL and your access")
    }
    let repo = GitRepository.adopt(pointer, path: workspace.directory.path)
    let base = try baseCommit(in: repo, ref: ref, named: name)
    try repo.setReference(workspace.branchReference, to: base, message: "logist: job branch from \(ref ?? "HEAD")")
    try repo.setHead(workspace.branchReference)
    try repo.checkoutHead()
    for branch in repo.referenceNames(under: "refs/heads/") where "refs/heads/" + branch != workspace.branchReference {
      var reference: OpaquePointer?
      if git_reference_lookup(&reference, repo.pointer, "refs/heads/" + branch) == 0 {
        git_reference_delete(reference)
        git_reference_free(reference)
      }
    }
    // The workspace must not know a way back: an agent's `git push` has nowhere to go.
    try Git.check(git_remote_delete(repo.pointer, "origin"), "cannot detach the workspace from \(name)")
    return base
  }

  private static func baseCommit(in repo: GitRepository, ref: String?, named name: String) throws(LogistError)
    -> String
  {
    guard let ref else {
      guard let head = try repo.headCommit() else {
        throw .invalid("source \(name) has no commits: commit something first, or pass a plain directory")
      }
      return head
    }
    for candidate in ["refs/remotes/origin/\(ref)", "refs/tags/\(ref)", ref] {
      if let commit = repo.resolveCommit(candidate) { return commit }
    }
    let branches = repo.referenceNames(under: "refs/remotes/origin/").filter { $0 != "HEAD" }
    let tags = repo.referenceNames(under: "refs/tags/")
    var known = "branches: " + (branches.isEmpty ? "none" : branches.prefix(10).joined(separator: ", "))
    if !tags.isEmpty { known += "; tags: " + tags.prefix(10).joined(separator: ", ") }
    throw .invalid("ref \"\(ref)\" not found in source \(name) (\(known)); pass --ref a branch, tag or commit id")
  }

  /// A new repository whose single root commit holds `path`'s files (none for an empty workspace).
  private static func importDirectory(_ path: String?, into workspace: Workspace, date: Date) throws(LogistError)
    -> String
  {
    let repo = try GitRepository.create(workspace.directory.path)
    if let path { try DirectoryImport.copy(from: path, to: workspace.directory.path) }
    try repo.setHead(workspace.branchReference)
    let tree = try repo.stageAll()
    let message = path.map { "Import \(URL(fileURLWithPath: $0).lastPathComponent)\n" } ?? "Empty workspace\n"
    return try repo.commit(tree: tree, parent: nil, message: message, date: date, updateRef: "HEAD")
  }

  /// Moves `workspace/.git` to `workspace.git` and leaves a `.git` file pointing there.
  private static func separateGitDirectory(_ workspace: Workspace) throws(LogistError) {
    let inside = workspace.directory.appendingPathComponent(".git").path
    try SystemCall.rename(inside, workspace.gitDirectory.path)
    try workspace.writeGitLink()
  }
}
