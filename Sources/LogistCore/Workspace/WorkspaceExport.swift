import CGit2
import Foundation

/// Writes a job branch into the job's local source repository as `refs/heads/logist/<id>`, with libgit2
/// only: the source downloads the missing objects from the workspace through an anonymous remote, then
/// the ref is created. (libgit2's local transport cannot push into a repository with a working tree, and
/// its fetch always rewrites FETCH_HEAD.) Nothing else of the source changes: no HEAD, config, remote,
/// index, working-tree file, FETCH_HEAD or other ref; only new objects are added.
public enum WorkspaceExport {
  /// What an export wrote.
  public struct Result: Sendable {
    /// `refs/heads/logist/<id>`.
    public var reference: String
    /// The commit it now points at (the job branch's tip).
    public var commit: String
    /// The commit it pointed at before (`--force`), if it existed.
    public var replaced: String?
    /// The source as the manifest records it.
    public var source: String
  }

  /// Exports `workspace`'s branch (tip `tip`) into the local repository at `path` (recorded as `source`).
  static func run(_ workspace: Workspace, tip: String, into path: String, source: String, force: Bool)
    throws(LogistError) -> Result
  {
    let reference = workspace.branchReference
    let target: GitRepository
    do throws(LogistError) {
      target = try GitRepository.open(path)
    } catch {
      throw .invalid(
        "job \(workspace.jobID): cannot open its source \(source) as a git repository (moved or deleted?): "
          + error.message)
    }
    try refuseCheckedOut(reference, in: target, source: source)
    let existing = try target.referenceTarget(reference)
    if let existing, !force {
      let same = existing == tip ? " (the job branch's tip already)" : ""
      throw .invalid(
        "source \(source) already has \(reference) at \(existing.prefix(12))\(same); "
          + "pass --force to point it at \(tip.prefix(12)) anyway")
    }
    try copy(
      reference, tip: tip, expected: existing, from: workspace.gitDirectory.path, into: target,
      message: "logist: export of job \(workspace.jobID)")
    guard try target.referenceTarget(reference) == tip else {
      throw LogistError(.system, "export of \(reference) into \(source) did not arrive at \(tip); run it again")
    }
    return Result(reference: reference, commit: tip, replaced: existing, source: source)
  }

  /// The path of the local git repository `source` names; refuses remote URLs and sources that are no git
  /// repository, pointing at `job patch` instead.
  static func localPath(of source: JobSource, jobID: String) throws(LogistError) -> String {
    let patch = "`logist job patch \(jobID) -o FILE` writes its commits as patches for `git am` instead"
    guard source.kind == .git, let location = source.location else {
      let what = source.kind == .directory ? "a plain directory" : "nothing (an empty workspace)"
      throw .invalid(
        "job \(jobID) was made from \(what), not a git repository, so there is nothing to export to; \(patch)")
    }
    guard location.contains("://") else {
      if location.hasPrefix("/") { return location }
      throw .invalid(
        "job \(jobID)'s source \(location) is a remote repository; export writes only local ones; \(patch)")
    }
    guard let url = URL(string: location), url.scheme?.lowercased() == "file", !url.path.isEmpty else {
      throw .invalid(
        "job \(jobID)'s source \(location) is a remote repository; export writes only local ones; \(patch)")
    }
    return url.path
  }

  /// Refuses when the source's HEAD, or any of its worktrees, has `reference` checked out.
  private static func refuseCheckedOut(_ reference: String, in repo: GitRepository, source: String)
    throws(LogistError)
  {
    var head: OpaquePointer?
    var checkedOut = false
    if git_reference_lookup(&head, repo.pointer, "HEAD") == 0 {
      if let name = git_reference_symbolic_target(head) { checkedOut = String(cString: name) == reference }
      git_reference_free(head)
    }
    var branch: OpaquePointer?
    if !checkedOut, git_reference_lookup(&branch, repo.pointer, reference) == 0 {
      checkedOut = git_branch_is_checked_out(branch) == 1
      git_reference_free(branch)
    }
    if checkedOut {
      throw .invalid(
        "source \(source) has \(reference) checked out, so exporting would move the branch under its working "
          + "tree; check out another branch there first")
    }
  }

  /// Copies the objects of `reference` from the repository at `url` that `repo` lacks (libgit2's download
  /// step of a fetch, which writes no ref and no FETCH_HEAD), then points the same reference in `repo` at
  /// `tip`: created only when absent, or moved only from `expected` (so a concurrent change is not lost).
  private static func copy(
    _ reference: String, tip: String, expected: String?, from url: String, into repo: GitRepository, message: String
  ) throws(LogistError) {
    var remote: OpaquePointer?
    try Git.check(git_remote_create_anonymous(&remote, repo.pointer, url), "cannot reach \(url) from \(repo.path)")
    defer { git_remote_free(remote) }
    var options = git_fetch_options()
    git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
    let code = Git.withStrArray(["+\(reference):\(reference)"]) { refspecs in
      git_remote_download(remote, &refspecs, &options)
    }
    try Git.check(code, "cannot copy the commits of \(reference) from \(url) into \(repo.path)")
    git_remote_disconnect(remote)
    var oid = try Git.oid(tip)
    var ref: OpaquePointer?
    let what = "cannot write \(reference) in \(repo.path)"
    if let expected {
      var old = try Git.oid(expected)
      try Git.check(git_reference_create_matching(&ref, repo.pointer, reference, &oid, 1, &old, message), what)
    } else {
      try Git.check(git_reference_create(&ref, repo.pointer, reference, &oid, 0, message), what)
    }
    git_reference_free(ref)
  }
}
