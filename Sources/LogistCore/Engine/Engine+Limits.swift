import Foundation

extension Engine {
  /// The job's ledger.
  func ledger(_ job: Manifest) -> Ledger { Ledger(jobDirectory: store.directory(job.id)) }

  /// The job's ledger read against the seal in its manifest.
  func books(_ job: Manifest) throws(LogistError) -> LedgerBooks {
    try LedgerBooks.read(ledger(job), job: job, now: clock.now())
  }

  /// What job `job` has used, from its ledger (the recorded totals when it was tampered with), its past
  /// runs, and the ledger's damage, if any.
  func spend(_ job: Manifest) throws(LogistError) -> (spend: Spend, runs: [RunCost], damage: LedgerDamage?) {
    let books = try books(job)
    return (Spend(job: job, books: books), RunCost.runs(books.records), books.damage)
  }

  /// The halt the next run of the current phase must not start past: a tampered ledger, or a limit it
  /// would cross.
  func preflight(_ job: Manifest, role: ResolvedRole) throws(LogistError) -> HaltReason? {
    let (spent, runs, damage) = try spend(job)
    return preflight(job, role: role, spent: spent, runs: runs, damage: damage)
  }

  /// ``preflight(_:role:)`` over what the job has used, already read from the ledger.
  func preflight(_ job: Manifest, role: ResolvedRole, spent: Spend, runs: [RunCost], damage: LedgerDamage?)
    -> HaltReason?
  {
    if let damage { return .ledger(damage, phase: job.currentPhase, before: true) }
    return LimitCheck.preflight(
      job.limits, role: role.name, roleLimits: role.role.limits, spent: spent, pastRuns: runs, phase: job.currentPhase)
  }

  /// When the run starting now must stop: the phase timeout (job limit, else the role's) or the rest of the
  /// wall-time budget, whichever comes first.
  func deadline(_ job: Manifest, role: ResolvedRole, spent: Spend, start: Date) -> (date: Date, reason: StopReason)? {
    guard
      let found = LimitCheck.deadline(
        job.limits, roleLimits: role.role.limits, spent: spent, phase: job.currentPhase)
    else { return nil }
    return (start.addingTimeInterval(found.seconds), found.halt.map { .limit($0) } ?? .timeout(seconds: found.seconds))
  }

  /// Halts a ready job before its phase starts.
  func haltBeforePhase(_ job: inout Manifest, _ reason: HaltReason) throws(LogistError) {
    let before = job.state
    job.state = try transition(job, .halt(reason: reason.sentence))
    job.halt = reason
    try commit(&job, now: clock.now(), [haltEvent(job, reason, from: before, run: nil)])
    observer(.halted(job, reason))
  }

  /// The event of a halt `from` → the job's status.
  func haltEvent(_ job: Manifest, _ reason: HaltReason, from: JobState, run: String?) -> EventRecord {
    var payload = [
      "kind": reason.kind.rawValue, "limit": String(reason.limit), "observed": String(reason.observed),
      "phase": reason.phase, "from": from.status.rawValue, "to": job.status.rawValue,
    ]
    if let projected = reason.projected { payload["projected"] = String(projected) }
    if let detail = reason.detail { payload["detail"] = detail }
    return event(.halted, job: job.id, run: run, payload)
  }

  /// A halted job whose limits now allow its phase becomes ready again; returns whether it did.
  @discardableResult
  func liftIfAllowed(_ job: inout Manifest) throws(LogistError) -> Bool {
    guard job.status == .halted else { return false }
    let role = try phaseRole(job)
    var blocking: HaltReason?
    if job.halt?.kind == .noProgress, let halt = job.halt {
      let limit = job.limits?.noProgressRuns ?? 3
      if Double(limit) <= halt.observed { blocking = halt }
    }
    if job.halt?.kind == .ledger, let halt = job.halt { blocking = halt }
    if blocking == nil { blocking = try preflight(job, role: role) }
    if let blocking {
      if blocking != job.halt {
        job.halt = blocking
        job.statusReason = blocking.sentence
        try store.save(&job, now: clock.now())
      }
      return false
    }
    let before = job.state
    job.state = try transition(job, .lift)
    job.halt = nil
    try commit(&job, now: clock.now(), [transitionEvent(.transition, job, from: before, event: "lift")])
    return true
  }

  /// After a run: warnings, then a halt when a limit is crossed or the phase makes no progress.
  func checkAfterRun(_ job: inout Manifest, phase: String, run: String) throws(LogistError) {
    guard let limits = job.limits else { return }
    let (spent, _, _) = try spend(job)
    let warnings = LimitCheck.newWarnings(limits, spent: spent, reported: job.limitWarnings ?? [])
    var events: [EventRecord] = []
    for warning in warnings {
      job.limitWarnings = (job.limitWarnings ?? []) + [warning.kind.key]
      events.append(
        event(
          .limitWarning, job: job.id, run: run,
          [
            "limit": warning.kind.key, "value": String(warning.limit), "observed": String(warning.observed),
            "warnAt": String(limits.warnAt ?? 0.8),
          ]))
    }
    var halt: HaltReason?
    if job.status == .ready {
      halt = LimitCheck.crossed(limits, spent: spent, phase: job.currentPhase)
      if halt == nil { halt = try noProgress(job, phase: phase) }
    }
    if let halt {
      let before = job.state
      job.state = try transition(job, .halt(reason: halt.sentence))
      job.halt = halt
      events.append(haltEvent(job, halt, from: before, run: run))
    }
    guard !events.isEmpty else { return }
    try commit(&job, now: clock.now(), events)
    for warning in warnings {
      observer(.limitWarning(job, kind: warning.kind, observed: warning.observed, limit: warning.limit))
    }
    if let halt { observer(.halted(job, halt)) }
  }

  /// The no-progress halt for `phase`, when its last `noProgressRuns` runs ended alike on the same tree.
  private func noProgress(_ job: Manifest, phase: String) throws(LogistError) -> HaltReason? {
    let limit = job.limits?.noProgressRuns ?? 3
    let runs = job.liveHistory.filter { $0.phase == phase && $0.isAgentRun }.suffix(limit)
    guard runs.count == limit, let workspace = workspace(of: job) else { return nil }
    let repo = try workspace.open()
    let trees = runs.map { (action: $0.action, tree: $0.commit.flatMap { try? repo.treeID(ofCommit: $0) }) }
    guard LimitCheck.noProgress(trees, limit: limit) else { return nil }
    return HaltReason(kind: .noProgress, limit: Double(limit), observed: Double(limit), phase: phase)
  }

  /// Closes the ledger of a run whose process died: a last line with the time up to its last record.
  /// Returns the run's usage.
  func closeDeadRun(_ job: Manifest, lease: Lease) throws(LogistError) -> Usage {
    let records = try ledger(job).records().filter { $0.runName == lease.run }
    let usage = LedgerTotals(records).usage
    guard !records.contains(where: { $0.seconds > 0 }) else { return usage }
    let last = records.last?.time ?? lease.startedAt
    let record = LedgerRecord(
      time: clock.now(), run: job.history.count + 1, runName: lease.run, phase: job.currentPhase,
      role: job.phase.role, provider: records.last?.provider ?? "unknown", model: records.last?.model,
      inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, actions: 0, costUSD: 0,
      cost: .estimated, seconds: max(0, (last.timeIntervalSince(lease.startedAt) * 1000).rounded() / 1000))
    try ledger(job).append(record)
    return usage
  }
}

extension Engine {
  /// `job status`'s spend section for `job`: ledger totals against every limit, and by role.
  public func spendReport(for job: Manifest) throws(LogistError) -> SpendReport {
    SpendReport(job: job, books: try books(job))
  }

  /// `job metrics`: one row per phase run, from the ledger.
  public func metrics(_ id: String) throws(LogistError) -> [RunMetrics] {
    let job = try inspect(id)
    return RunMetrics.rows(job: job, records: try books(job).records)
  }
}
