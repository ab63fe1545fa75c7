import Foundation

extension Engine {
  /// `job cancel`. A job no process is running is cancelled at once; a render container its dead
  /// runner left behind is stopped and collected first. A job another process is running gets a
  /// cancel request (`CancelRequest`): that process stops its phase (a render's container with
  /// `docker stop`), collects what it can and cancels the job, and this call waits up to `wait`
  /// seconds for it to finish. With `force`, a left container that cannot be stopped (its host is
  /// unreachable) does not stop the cancel: the job is cancelled and the result says what was left.
  @discardableResult
  public func cancel(_ id: String, wait: Double = 120, force: Bool = false) throws(LogistError) -> CancelResult {
    try store.requireJob(id)
    guard store.isLocked(id) else { return try cancelHere(id, requested: false, force: force) }
    let job = try store.load(id)
    var probe = job
    if probe.status == .running { probe.state.status = .ready }
    _ = try transition(probe, .cancel)
    let directory = store.directory(id)
    try CancelRequest(requestedAt: clock.now(), pid: Int32(SystemCall.processID()), host: SystemCall.hostName()).write(
      in: directory)
    try record(.cancelRequested, job: id, ["pid": String(SystemCall.processID())])
    let end = Date().addingTimeInterval(wait)
    while store.isLocked(id), Date() < end { Thread.sleep(forTimeInterval: 0.1) }
    guard !store.isLocked(id) else {
      let holder = job.lease.map { " (pid \($0.pid))" } ?? ""
      throw LogistError(
        .locked,
        "job \(id): cancel requested, but the process running it\(holder) has not stopped within "
          + "\(Amount.seconds(wait)); it stops at its next check: see `logist job status \(id)`")
    }
    return try cancelHere(id, requested: true, force: force)
  }

  /// Cancels job `id` under its lock. When `requested`, its runner may have done it already.
  private func cancelHere(_ id: String, requested: Bool, force: Bool) throws(LogistError) -> CancelResult {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      if requested, job.status == .cancelled {
        CancelRequest.remove(in: store.directory(id))
        return CancelResult(manifest: job, leftContainer: nil)
      }
      let left = try stopLeftContainer(job, force: force)
      let stopped = stopStrayProcesses(job)
      if !stopped.isEmpty {
        try? record(
          .processesStopped, job: id, run: job.history.last?.run,
          processesStoppedEvent(job, stopped, run: nil, when: "cancel").payload)
      }
      try applyCancel(&job, run: nil, leftContainer: left)
      return CancelResult(manifest: job, leftContainer: left)
    }
  }

  /// A pending cancel request, honoured before a phase starts or after one was stopped by it.
  func honourCancelRequest(_ job: inout Manifest, run: String? = nil) throws(LogistError) -> Bool {
    let directory = store.directory(job.id)
    guard CancelRequest.pending(in: directory) != nil else { return false }
    guard (try? StateMachine.transition(job.state, .cancel, phases: job.phases)) != nil else {
      CancelRequest.remove(in: directory)
      return false
    }
    try applyCancel(&job, run: run)
    return true
  }

  /// Cancels `job` (held under its lock), saves it, withdraws any request and records the transition.
  private func applyCancel(_ job: inout Manifest, run: String?, leftContainer: LeftContainer? = nil)
    throws(LogistError)
  {
    let before = job.state
    job.state = try transition(job, .cancel)
    if let leftContainer { job.statusReason = leftContainer.reason }
    try commit(
      &job, now: clock.now(), [transitionEvent(.cancelled, job, from: before, event: JobEvent.cancel.name, run: run)])
    CancelRequest.remove(in: store.directory(job.id))
  }

  /// The render container an interrupted job's last run left running: stopped (`docker stop`), its log
  /// and outputs collected into that run's archive, then removed. When that fails, an error saying what
  /// to do, or with `force` the container that was left behind.
  private func stopLeftContainer(_ job: Manifest, force: Bool) throws(LogistError) -> LeftContainer? {
    guard job.status == .interrupted, let last = job.history.last, last.phase == job.currentPhase,
      let container = last.container, let run = last.run
    else { return nil }
    let role = try jobRoles(job, freeze: false).role(last.role, for: last.phase)
    guard role.role.provider.kind == "docker" else { return nil }
    let settings = try RenderSettings(role.role.provider, role: role.name)
    do throws(LogistError) {
      try RenderRecovery(settings: settings).stopAndCollect(
        container, runDirectory: store.directory(job.id).appendingPathComponent("runs/\(run)"))
      return nil
    } catch {
      let left = LeftContainer(id: container, host: settings.transport.label, cause: error.message)
      guard force else {
        throw LogistError(
          error.kind,
          "job \(job.id): cannot stop its render container \(left.short) on \(left.host): \(error.message); "
            + "the job stays interrupted: fix the connection and cancel again, or `logist job cancel \(job.id) "
            + "--force` to cancel it and leave the container")
      }
      return left
    }
  }
}
