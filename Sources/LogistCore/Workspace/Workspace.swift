import Foundation

/// A job's git workspace: the checkout `<job>/workspace` and its git directory `<job>/workspace.git`,
/// on branch `logist/<id>`. The git directory lives beside the checkout, so a checkout deleted by hand
/// can be re-created from the recorded commits.
public struct Workspace: Sendable {
  /// The job's directory.
  public let jobDirectory: URL
  /// The job id.
  public let jobID: String

  /// The workspace of job `jobID` in `jobDirectory`.
  public init(jobDirectory: URL, jobID: String) {
    self.jobDirectory = jobDirectory
    self.jobID = jobID
  }

  /// The checkout agents work in.
  public var directory: URL { jobDirectory.appendingPathComponent("workspace", isDirectory: true) }
  /// The git directory.
  public var gitDirectory: URL { jobDirectory.appendingPathComponent("workspace.git", isDirectory: true) }
  /// The job branch, `logist/<id>`.
  public var branch: String { "logist/\(jobID)" }
  /// `refs/heads/logist/<id>`.
  var branchReference: String { "refs/heads/\(branch)" }

  /// Whether the checkout is there (its `.git` link included).
  public var hasCheckout: Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path)
  }

  /// Whether the git directory is there.
  public var hasRepository: Bool {
    FileManager.default.fileExists(atPath: gitDirectory.appendingPathComponent("HEAD").path)
  }

  /// Writes `workspace/.git`, a link to `../workspace.git` (relative, so the job directory can move).
  func writeGitLink() throws(LogistError) {
    try AtomicFile.write(Data("gitdir: ../workspace.git\n".utf8), to: directory.appendingPathComponent(".git"))
  }

  /// Opens the workspace repository, explaining a missing checkout or repository.
  func open() throws(LogistError) -> GitRepository {
    try requireRepository()
    guard hasCheckout else {
      throw .invalid(
        "job \(jobID): its workspace \(directory.path) is missing (deleted by hand?); "
          + "`logist job run \(jobID) --recreate-workspace` checks the last recorded commit out again")
    }
    return try GitRepository.open(directory.path)
  }

  private func requireRepository() throws(LogistError) {
    let archive = jobDirectory.appendingPathComponent(WorkspaceCollection.archiveName)
    if !hasRepository, FileManager.default.fileExists(atPath: archive.path) {
      throw .invalid(
        "job \(jobID): its workspace was removed by `logist job gc`; its commits are in \(archive.path) "
          + "(`git am` applies them to a clone of the source at the base commit); create a new job from the source")
    }
    guard hasRepository else {
      throw .invalid(
        "job \(jobID): its workspace repository \(gitDirectory.path) is gone, so its commits cannot be restored; "
          + "create a new job from the source")
    }
  }

  /// Removes the lock files a killed Logist can leave in the git directory (the index and the job
  /// branch). Only call it holding the job's lock, after finding the job's runner gone.
  func removeStaleLocks() {
    for name in ["index.lock", "HEAD.lock", "\(branchReference).lock"] {
      unlink(gitDirectory.appendingPathComponent(name).path)
    }
  }

  /// Re-creates a checkout deleted by hand from the job branch; returns the commit checked out.
  func recreate() throws(LogistError) -> String {
    try requireRepository()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw LogistError(.system, "cannot create \(directory.path): \(error.localizedDescription)")
    }
    try writeGitLink()
    let repo = try GitRepository.open(directory.path)
    guard let head = try repo.headCommit() else {
      throw LogistError(.system, "job \(jobID): the workspace repository has no commit on \(branch)")
    }
    try repo.resetHard(to: head)
    return head
  }
}
