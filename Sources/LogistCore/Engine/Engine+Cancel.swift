import Foundation

extension Engine {
  /// `job cancel`. A job no process is running is cancelled at once; a render container its dead
  /// runner left behind is stopped and collected first. A job another process is running gets a
  /// cancel request (`CancelRequest`): that process stops its phase (a render's container with
  /// `docker stop`), collects what it can and cancels the job, and this call waits up to `wait`
  /// seconds for it to finish.
  @discardableResult
  public func cancel(_ id: String, wait: Double = 120) throws(LogistError) -> Manifest {
    try store.requireJob(id)
    guard store.isLocked(id) else { return try cancelHere(id, requested: false) }
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
    return try cancelHere(id, requested: true)
  }

  /// Cancels job `id` under its lock. When `requested`, its runner may have done it already.
  private func cancelHere(_ id: String, requested: Bool) throws(LogistError) -> Manifest {
    try withJob(id) { (job: inout Manifest) throws(LogistError) in
      if requested, job.status == .cancelled {
        CancelRequest.remove(in: store.directory(id))
        return job
      }
      try stopLeftContainer(job)
      try applyCancel(&job, run: nil)
      return job
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
  private func applyCancel(_ job: inout Manifest, run: String?) throws(LogistError) {
    let before = job.state
    job.state = try transition(job, .cancel)
    try store.save(&job, now: clock.now())
    CancelRequest.remove(in: store.directory(job.id))
    try recordTransition(.cancelled, job, from: before, event: JobEvent.cancel.name, run: run)
  }

  /// The render container an interrupted job's last run left running: stopped (`docker stop`), its log
  /// and outputs collected into that run's archive, then removed.
  private func stopLeftContainer(_ job: Manifest) throws(LogistError) {
    guard job.status == .interrupted, let last = job.history.last, last.phase == job.currentPhase,
      let container = last.container, let run = last.run
    else { return }
    let role = try roles.role(last.role, for: last.phase)
    guard role.role.provider.kind == "docker" else { return }
    let settings = try RenderSettings(role.role.provider, role: role.name)
    try RenderRecovery(settings: settings).stopAndCollect(
      container, job: job.id, runDirectory: store.directory(job.id).appendingPathComponent("runs/\(run)"))
  }
}
