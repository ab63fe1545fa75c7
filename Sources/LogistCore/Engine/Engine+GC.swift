import Foundation

extension Engine {
  /// `job gc`: removes the workspaces of final jobs (optionally only those unchanged for a while), keeping
  /// each one's commits as `<job>/workspace.mbox` and recording that in the manifest. Each job is collected
  /// under its lock; a job whose lock is held is skipped. Failures are reported per job, not thrown.
  public func collectWorkspaces(_ request: GCRequest) throws(LogistError) -> GCReport {
    var report = GCReport(request: request)
    let now = clock.now()
    for id in try store.ids() {
      let job: Manifest
      do throws(LogistError) {
        job = try store.load(id)
      } catch {
        report.jobs.append(GCJobResult(id: id, outcome: .skipped, reason: "cannot read its manifest: \(error.message)"))
        continue
      }
      guard job.status.isFinal else {
        report.notFinal += 1
        continue
      }
      guard isOldEnough(job, request, now: now) else {
        report.tooRecent += 1
        continue
      }
      if let result = collect(id, request) { report.jobs.append(result) }
    }
    return report
  }

  private func isOldEnough(_ job: Manifest, _ request: GCRequest, now: Date) -> Bool {
    guard let age = request.olderThan else { return true }
    return now.timeIntervalSince(job.updatedAt) > age
  }

  /// Collects job `id`, or nil when it stopped being eligible before its lock was taken.
  private func collect(_ id: String, _ request: GCRequest) -> GCJobResult? {
    if request.dryRun { return preview(id, request) }
    do throws(LogistError) {
      return try withJob(id) { (job: inout Manifest) throws(LogistError) -> GCJobResult? in
        guard job.status.isFinal, isOldEnough(job, request, now: clock.now()) else { return nil }
        guard let workspace = workspace(of: job) else {
          return GCJobResult(id: id, outcome: .nothingToCollect, reason: "the job has no workspace")
        }
        let collector = WorkspaceCollector(
          workspace: workspace, baseCommit: job.source?.baseCommit, force: request.force)
        let result = try collector.run(dryRun: false, date: clock.now())
        if result.outcome == .removed {
          job.workspaceCollected = WorkspaceCollection(at: clock.now(), bytes: result.bytes)
          try store.save(&job, now: clock.now())
        }
        return result
      }
    } catch {
      return GCJobResult(id: id, outcome: error.kind == .locked ? .skipped : .failed, reason: error.message)
    }
  }

  /// `--dry-run`: what collecting job `id` would do, without taking its lock (a held lock is reported).
  private func preview(_ id: String, _ request: GCRequest) -> GCJobResult {
    if store.isLocked(id) {
      let file = store.locksDirectory.appendingPathComponent("\(id).lock").path
      let holder = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
      let who = holder.map { $0.isEmpty ? "another process" : $0 } ?? "another process"
      return GCJobResult(id: id, outcome: .skipped, reason: "job \(id) is locked by \(who); it would be skipped")
    }
    do throws(LogistError) {
      let job = try store.load(id)
      guard let workspace = workspace(of: job) else {
        return GCJobResult(id: id, outcome: .nothingToCollect, reason: "the job has no workspace")
      }
      let collector = WorkspaceCollector(workspace: workspace, baseCommit: job.source?.baseCommit, force: request.force)
      return try collector.run(dryRun: true, date: clock.now())
    } catch {
      return GCJobResult(id: id, outcome: .failed, reason: error.message)
    }
  }
}
