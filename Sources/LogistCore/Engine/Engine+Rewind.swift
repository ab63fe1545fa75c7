import Foundation

/// What a rewind did.
public struct RewindResult: Sendable {
  /// The job after the rewind.
  public let manifest: Manifest
  /// The workspace commit the checkout now holds (nil without a workspace).
  public let commit: String?
  /// Where uncommitted changes were saved by `--force`: reference and commit.
  public let backup: (reference: String, commit: String)?
}

extension Engine {
  /// `job restep ID N`: back to the checkpoint taken just before history entry `number` (1-based);
  /// entries from `number` on are marked superseded, never deleted. The workspace goes back to the commit
  /// of that checkpoint. Changes in it that no phase committed stop the rewind, unless `force`, which
  /// first saves them as a commit on `refs/logist/backup/<id>/<timestamp>`.
  @discardableResult
  public func restep(_ id: String, to number: Int, force: Bool = false) throws(LogistError) -> RewindResult {
    try rewind(id, to: number, force: force, command: "job restep \(id) \(number)")
  }

  /// `job rerun`: `restep ID 1`.
  @discardableResult
  public func rerun(_ id: String, force: Bool = false) throws(LogistError) -> RewindResult {
    try rewind(id, to: 1, force: force, command: "job rerun \(id)")
  }

  private func rewind(_ id: String, to number: Int, force: Bool, command: String) throws(LogistError)
    -> RewindResult
  {
    try withJob(id) { (job: inout Manifest) throws(LogistError) -> RewindResult in
      guard !job.history.isEmpty else {
        throw .invalid("job \(id) has no history yet; there is nothing to rewind")
      }
      guard number >= 1, number <= job.history.count else {
        throw .invalid("job \(id) has history entries 1-\(job.history.count); \(number) is not one of them")
      }
      let entry = job.history[number - 1]
      // A live entry's checkpoint is on the live path. A superseded one's is too when nothing before it
      // was superseded (a rewind to exactly that entry replaced it); otherwise it belongs to an abandoned path.
      if entry.superseded, let stale = job.history[..<(number - 1)].firstIndex(where: \.superseded) {
        throw .invalid(
          "history entry \(stale + 1) of job \(id), before \(number), was superseded by a rewind, so the checkpoint "
            + "before \(number) belongs to an abandoned path; pick an entry with no superseded entry before it")
      }
      let state = try transition(job, .rewind(to: entry.checkpoint))
      var commit: String?
      var backup: (reference: String, commit: String)?
      if let workspace = workspace(of: job) {
        let target = job.history[..<(number - 1)].last { !$0.superseded && $0.commit != nil }?.commit
        (commit, backup) = try rewindWorkspace(
          workspace, to: target ?? job.source?.baseCommit, force: force, command: command)
      }
      let before = job.state
      job.state = state
      for index in (number - 1)..<job.history.count { job.history[index].superseded = true }
      try self.commit(
        &job, now: clock.now(), [transitionEvent(.rewound, job, from: before, event: "rewind to \(number)")])
      return RewindResult(manifest: job, commit: commit, backup: backup)
    }
  }

  private func rewindWorkspace(_ workspace: Workspace, to target: String?, force: Bool, command: String)
    throws(LogistError) -> (String?, (reference: String, commit: String)?)
  {
    guard let target else { return (nil, nil) }
    let repo = try workspace.open()
    let now = clock.now()
    let stamp = ReferenceStamp.text(now)
    var backup: (reference: String, commit: String)?
    let changes = try repo.changes()
    if !changes.isEmpty {
      let reference = repo.unusedReference("refs/logist/backup/\(workspace.jobID)/\(stamp)")
      guard force else {
        let shown = changes.prefix(8).map(\.line).joined(separator: ", ")
        let more = changes.count > 8 ? " and \(changes.count - 8) more" : ""
        throw .invalid(
          "job \(workspace.jobID): the workspace has changes no phase committed (\(shown)\(more)); "
            + "`logist \(command) --force` saves them on \(reference) first, then rewinds")
      }
      let message = "logist \(workspace.jobID): changes saved before `\(command)`\n"
      backup = (reference, try repo.saveWorkingDirectory(on: reference, message: message, date: now))
    }
    if let head = try repo.headCommit(), head != target {
      // The abandoned commits stay reachable (their history entries name them).
      try repo.setReference(
        repo.unusedReference("refs/logist/rewound/\(workspace.jobID)/\(stamp)"), to: head,
        message: "logist: tip before `\(command)`")
    }
    try repo.resetHard(to: target)
    return (target, backup)
  }
}
