import Foundation

/// Removes one job's workspace (`workspace` and `workspace.git`) for `job gc`, first writing its commits
/// after the base commit to `workspace.mbox`. With `force`, uncommitted changes become a backup commit on
/// `refs/logist/backup/<id>/<time>` (HEAD does not move), the archive's last patch. The job's lock and its
/// manifest are the engine's business.
struct WorkspaceCollector {
  /// The workspace to collect.
  let workspace: Workspace
  /// The commit the job branch started from (patches begin after it).
  let baseCommit: String?
  /// Back up uncommitted changes instead of skipping the job.
  let force: Bool

  /// `<job>/workspace.mbox`.
  var archiveURL: URL { workspace.jobDirectory.appendingPathComponent(WorkspaceCollection.archiveName) }

  /// Collects the workspace (or, with `dryRun`, says what that would do) and returns the result.
  func run(dryRun: Bool, date: Date) throws(LogistError) -> GCJobResult {
    let id = workspace.jobID
    let checkout = FileManager.default.fileExists(atPath: workspace.directory.path)
    guard workspace.hasRepository else {
      guard checkout else {
        return GCJobResult(id: id, outcome: .nothingToCollect, reason: "its workspace is already gone")
      }
      return GCJobResult(
        id: id, outcome: .skipped,
        reason: "\(workspace.gitDirectory.path) is missing, so \(workspace.directory.path) cannot be archived; "
          + "remove it by hand if you do not need it")
    }
    if checkout, !workspace.hasCheckout {
      return GCJobResult(
        id: id, outcome: .skipped,
        reason: "\(workspace.directory.path)/.git is missing, so uncommitted changes cannot be checked; "
          + "write `gitdir: ../workspace.git` into it, or remove the workspace by hand")
    }
    var result = GCJobResult(id: id, outcome: dryRun ? .wouldRemove : .removed)
    let archive: PatchSeries
    do {
      // Scoped, so the repository is closed before its directories go.
      let repo = try GitRepository.open(checkout ? workspace.directory.path : workspace.gitDirectory.path)
      var tip = try repo.headCommit()
      let changes = checkout ? try repo.changes() : []
      result.uncommitted = changes.map(\.line)
      if !changes.isEmpty, !force {
        result.outcome = .skipped
        let them = changes.count == 1 ? "it" : "them"
        result.reason =
          Self.describe(changes) + "; commit or discard \(them) in \(workspace.directory.path), "
          + "or pass --force to keep \(them) as the last patch of \(WorkspaceCollection.archiveName)"
        return result
      }
      if !changes.isEmpty, !dryRun {
        let ref = "refs/logist/backup/\(id)/\(ReferenceStamp.text(date))"
        tip = try backup(repo, changes, ref: ref, date: date)
        result.backupRef = ref
      }
      guard let tip, let baseCommit else {
        throw LogistError.invalid("job \(id): its workspace has no base commit or no HEAD; nothing to archive")
      }
      archive = try PatchSeries.make(repo, base: baseCommit, tip: tip, withUncommitted: false)
    }
    result.patches = archive.commits.count + (dryRun && !result.uncommitted.isEmpty ? 1 : 0)
    result.bytes = try DiskUsage.allocatedBytes([workspace.directory.path, workspace.gitDirectory.path])
    if dryRun { return result }
    try AtomicFile.write(archive.mbox, to: archiveURL)
    try DiskUsage.remove(workspace.directory.path)
    try DiskUsage.remove(workspace.gitDirectory.path)
    return result
  }

  /// Commits every uncommitted change on `ref` with parent HEAD, leaving HEAD where it is.
  private func backup(_ repo: GitRepository, _ changes: [WorkspaceChange], ref: String, date: Date)
    throws(LogistError) -> String
  {
    let files = changes.map(\.line).joined(separator: "\n")
    let message =
      "logist \(workspace.jobID): uncommitted changes kept by job gc\n\n"
      + "\(Self.count(changes.count)) not committed when `logist job gc --force` removed the workspace:\n"
      + "\(files)\n\nLogist-Job: \(workspace.jobID)\nLogist-Backup: \(ref)\n"
    return try repo.saveWorkingDirectory(on: ref, message: message, date: date)
  }

  /// `2 uncommitted files (M hello.py, A notes.txt)`, listing at most five.
  static func describe(_ changes: [WorkspaceChange]) -> String {
    var listed = changes.prefix(5).map(\.line).joined(separator: ", ")
    if changes.count > 5 { listed += ", and \(changes.count - 5) more" }
    return "\(count(changes.count)) (\(listed))"
  }

  private static func count(_ files: Int) -> String { "\(files) uncommitted file\(files == 1 ? "" : "s")" }
}
