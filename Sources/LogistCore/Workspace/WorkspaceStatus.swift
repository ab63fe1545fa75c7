import Foundation

/// Where a job's workspace stands, for `job status`.
public struct WorkspaceStatus: Sendable, Encodable {
  /// The checkout.
  public let path: String
  /// `logist/<id>`.
  public let branch: String
  /// Where the source came from.
  public let source: JobSource
  /// The commit the job branch points at (nil when the repository is gone).
  public let head: String?
  /// Whether the checkout exists.
  public let present: Bool
  /// Changes no phase committed, as `M path` lines.
  public let uncommitted: [String]
  /// Where `job gc` kept the commits after removing the workspace, when it did.
  public var archive: String? = nil

  /// Reads the workspace of `job` in `jobDirectory`; nil for a job made before workspaces.
  public static func read(_ job: Manifest, jobDirectory: URL) -> WorkspaceStatus? {
    guard let source = job.source else { return nil }
    let workspace = Workspace(jobDirectory: jobDirectory, jobID: job.id)
    let repo = try? workspace.open()
    let head: String?
    if let repo {
      head = (try? repo.headCommit()) ?? nil
    } else {
      head = workspace.hasRepository ? (try? branchTip(workspace)) ?? nil : nil
    }
    return WorkspaceStatus(
      path: workspace.directory.path, branch: workspace.branch, source: source, head: head,
      present: workspace.hasCheckout, uncommitted: (repo.flatMap { try? $0.changes() } ?? []).map(\.line),
      archive: job.workspaceCollected.map { jobDirectory.appendingPathComponent($0.archive).path })
  }

  private static func branchTip(_ workspace: Workspace) throws(LogistError) -> String? {
    try GitRepository.open(workspace.gitDirectory.path).referenceTarget(workspace.branchReference)
  }

  /// One line: `path (branch logist/x at abc123456789, clean)`.
  public var summary: String {
    let at = head.map { " at \($0.prefix(12))" } ?? ""
    let state: String
    if let archive, !present {
      state = "removed by job gc; its commits are in \(archive) (`job patch` prints them)"
    } else if !present {
      state = "missing: `job run --recreate-workspace` restores it"
    } else if uncommitted.isEmpty {
      state = "clean"
    } else {
      state = "\(uncommitted.count) uncommitted change\(uncommitted.count == 1 ? "" : "s")"
    }
    return "\(path) (branch \(branch)\(at), \(state))"
  }
}
