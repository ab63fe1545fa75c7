import Foundation

/// `job diff`, `job patch`, `job export`: what a job changed, taken out of its workspace. All three only
/// read the job (as ``Engine/inspect(_:)`` does) and never change it.
extension Engine {
  /// The unified diff from job `id`'s base commit to its workspace as it is now (uncommitted and
  /// untracked files included, binary files as git binary patches); with `stat`, the diffstat instead.
  public func workspaceDiff(_ id: String, stat: Bool = false) throws(LogistError) -> Data {
    let (_, _, repo, base) = try openWorkspace(id)
    let diff = try repo.diffToWorkingDirectory(from: base)
    return stat ? try diff.stat() : try diff.patch()
  }

  /// Job `id`'s branch as an mbox patch series over its base commit.
  public func patchSeries(_ id: String) throws(LogistError) -> PatchSeries {
    let job = try inspect(id)
    let archive = store.directory(id).appendingPathComponent(WorkspaceCollection.archiveName)
    if job.workspaceCollected != nil, let mbox = FileManager.default.contents(atPath: archive.path) {
      // `job gc` removed the workspace: the series it kept is the job's patch series.
      let commits = String(decoding: mbox, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
        let words = line.split(separator: " ")
        guard words.count > 2, words[0] == "From", words[1].count == 40 else { return nil }
        return String(words[1])
      }
      return PatchSeries(
        mbox: mbox, commits: commits, emptyCommits: [], base: job.source?.baseCommit ?? "",
        tip: commits.last ?? job.source?.baseCommit ?? "", uncommitted: [], archive: archive.path)
    }
    let (_, workspace, repo, base) = try openWorkspace(id)
    return try PatchSeries.make(repo, base: base, tip: try tip(of: workspace, in: repo))
  }

  /// Writes job `id`'s branch into its local git source as `refs/heads/logist/<id>`; an existing ref
  /// there is replaced only with `force`.
  public func exportBranch(_ id: String, force: Bool) throws(LogistError) -> WorkspaceExport.Result {
    let (job, workspace, repo, _) = try openWorkspace(id)
    guard let source = job.source else { throw .invalid("job \(id) has no source") }
    let path = try WorkspaceExport.localPath(of: source, jobID: id)
    let tip = try tip(of: workspace, in: repo)
    return try WorkspaceExport.run(workspace, tip: tip, into: path, source: source.location ?? path, force: force)
  }

  /// Job `id`, its workspace, the workspace repository and the base commit, explaining what is missing.
  private func openWorkspace(_ id: String) throws(LogistError) -> (Manifest, Workspace, GitRepository, String) {
    let job = try inspect(id)
    guard let workspace = workspace(of: job) else {
      throw .invalid("job \(id) has no workspace (it was made before workspaces existed)")
    }
    guard let base = job.source?.baseCommit else {
      throw .invalid(
        "job \(id): \(store.manifestURL(id).path) records no source.baseCommit; create a new job from the source")
    }
    return (job, workspace, try workspace.open(), base)
  }

  /// The commit the job branch points at.
  private func tip(of workspace: Workspace, in repo: GitRepository) throws(LogistError) -> String {
    guard let tip = try repo.referenceTarget(workspace.branchReference) else {
      throw .invalid(
        "job \(workspace.jobID): its workspace has no branch \(workspace.branch) (deleted by hand?); "
          + "`git -C \(workspace.directory.path) branch \(workspace.branch) HEAD` restores it at HEAD")
    }
    return tip
  }
}
