import Foundation

extension Engine {
  /// Job `job`'s workspace, or nil for a job made before workspaces existed.
  func workspace(of job: Manifest) -> Workspace? {
    guard job.source != nil else { return nil }
    return Workspace(jobDirectory: store.directory(job.id), jobID: job.id)
  }

  /// Commits what phase run `run` changed in the workspace; returns the commit that holds it (HEAD when
  /// nothing changed), or nil without a workspace.
  func commitRun(_ job: Manifest, run: String, outcome: RunOutcome, summary: String) throws(LogistError) -> String? {
    guard let workspace = workspace(of: job) else { return nil }
    let repo = try workspace.open()
    let subject = "logist \(job.id): \(job.currentPhase) attempt \(job.attempt) (\(outcome.rawValue))"
    let body = summary.trimmingCharacters(in: .whitespacesAndNewlines)
    let message = "\(subject)\n\n\(body.isEmpty ? "(no summary)" : body)\n\nLogist-Job: \(job.id)\nLogist-Run: \(run)\n"
    return try repo.commitWorkingDirectory(message: message, date: clock.now()).commit
  }

  /// `job run --recreate-workspace`: checks the job branch out again into a checkout deleted by hand.
  /// Returns the commit checked out, or nil when the checkout was there.
  @discardableResult
  public func recreateWorkspace(_ id: String) throws(LogistError) -> String? {
    try withJob(id) { (job: inout Manifest) throws(LogistError) -> String? in
      guard let workspace = workspace(of: job) else {
        throw .invalid("job \(id) has no workspace (it was made before workspaces existed)")
      }
      return workspace.hasCheckout ? nil : try workspace.recreate()
    }
  }
}
