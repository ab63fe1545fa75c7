import Foundation

/// Runs a batch: at most `parallel` jobs at once, each on a dedicated thread with its own ``Engine``
/// (engines are not shared between threads) and under its own job lock (the engine takes it).
///
/// Every step is written to the batch file before it is reported, so a batch killed at any moment is
/// finished by ``run()`` on a fresh runner (`batch resume`): jobs already finished are skipped,
/// interrupted or dead ones resume from their checkpoints, and no phase that ended runs again.
public final class BatchRunner: @unchecked Sendable {
  private let store: JobStore
  private let roles: RoleSource
  private let batches: BatchStore
  private let report: @Sendable (BatchEvent, Batch) -> Void
  private let name: String
  /// Guards everything below.
  private let condition = NSCondition()
  private var batch: Batch
  private var interruptions: [String: Interruption] = [:]
  private var stopReason: String?
  private var active = 0
  private var saveError: LogistError?
  private let prices: PriceTable

  /// A runner for `batch`; `report` is called (serialized, from any thread) as jobs move.
  public init(
    batch: Batch, store: JobStore, roles: RoleSource, prices: PriceTable = .builtIn,
    report: @escaping @Sendable (BatchEvent, Batch) -> Void
  ) {
    self.prices = prices
    self.batch = batch
    name = batch.name
    self.store = store
    self.roles = roles
    batches = BatchStore(store: store)
    self.report = report
  }

  /// Stops the batch (thread-safe; a signal watcher calls it): no new job starts and every running
  /// engine is interrupted, so its job becomes `interrupted`; ``run()`` then returns.
  public func stop(reason: String) {
    condition.lock()
    defer { condition.unlock() }
    guard stopReason == nil else { return }
    stopReason = reason
    report(.stopping(reason), batch)
    for interruption in interruptions.values { interruption.interrupt(reason) }
    condition.broadcast()
  }

  /// Whether ``stop(reason:)`` was called.
  public var isStopping: Bool {
    condition.lock()
    defer { condition.unlock() }
    return stopReason != nil
  }

  /// Runs (or resumes) the batch to its end or until ``stop(reason:)``; returns the batch as saved.
  /// The caller holds the batch's lock.
  public func run() throws(LogistError) -> Batch {
    try triage()
    condition.lock()
    while true {
      while stopReason == nil, active < batch.parallel,
        let next = batch.jobs.firstIndex(where: { $0.state == .waiting })
      {
        batch.jobs[next].state = .running
        active += 1
        saveLocked()
        start(batch.jobs[next].id)
      }
      if active == 0, stopReason != nil || !batch.jobs.contains(where: { $0.state == .waiting }) { break }
      condition.wait()
    }
    batch.state = stopReason == nil ? .finished : .interrupted
    saveLocked()
    let result = batch
    let failure = saveError
    condition.unlock()
    if let reason = stopReason {
      batches.record(.batchInterrupted, batch: name, ["reason": reason])
    } else {
      let statuses = result.jobs.map { $0.finalStatus?.rawValue ?? "unknown" }
      let counts = Dictionary(statuses.map { ($0, 1) }, uniquingKeysWith: +).mapValues { String($0) }
      batches.record(.batchFinished, batch: name, counts)
    }
    if let failure { throw failure }
    return result
  }

  /// Decides, from each job's manifest, what this start runs: ready and interrupted jobs (a dead runner's
  /// `running` job is recovered to interrupted first) wait their turn; every other job is skipped.
  private func triage() throws(LogistError) {
    let engine = Engine(store: store, roles: roles, prices: prices)
    batch.starts += 1
    batch.state = .running
    for index in batch.jobs.indices {
      let id = batch.jobs[index].id
      let status: JobStatus
      do throws(LogistError) {
        status = try engine.inspect(id).status
      } catch {
        batch.jobs[index].state = .skipped
        batch.jobs[index].note = error.message
        continue
      }
      if status == .ready || status == .interrupted {
        batch.jobs[index].state = .waiting
        batch.jobs[index].note = nil
        continue
      }
      let wasPending = batch.jobs[index].state == .waiting || batch.jobs[index].state == .running
      batch.jobs[index].finalStatus = status
      if batch.jobs[index].state == .running {
        // The batch's last process ran it to this end, then died before writing that down: it finished here.
        batch.jobs[index].state = .done
        batch.jobs[index].note = nil
        if !finishedLogged(id) { record(.batchJobFinished, id, ["status": status.rawValue, "recovered": "true"]) }
        report(.jobFinished(batch.jobs[index]), batch)
      } else if wasPending {
        batch.jobs[index].state = .skipped
        batch.jobs[index].note = status.isFinal ? "already \(status.rawValue)" : "not runnable: \(status.rawValue)"
        record(.batchJobSkipped, id, ["status": status.rawValue])
        report(.jobSkipped(batch.jobs[index]), batch)
      }
    }
    try batches.save(&batch)
    batches.record(
      .batchStarted, batch: batch.name,
      [
        "jobs": String(batch.jobs.count), "parallel": String(batch.parallel), "start": String(batch.starts),
        "waiting": String(batch.count(.waiting)),
      ])
  }

  /// Starts job `id` on a thread of its own.
  private func start(_ id: String) {
    let thread = Thread { [self] in work(id) }
    thread.stackSize = 8 << 20
    thread.name = "batch \(id)"
    thread.start()
  }

  /// One job, on its thread: its own engine, run until it stops; the outcome goes into the batch file.
  private func work(_ id: String) {
    let engine = Engine(store: store, roles: roles, prices: prices)
    condition.lock()
    interruptions[id] = engine.interruption
    if let reason = stopReason { engine.interrupt(reason: reason) }
    report(.jobStarted(id), batch)
    condition.unlock()
    var phases = 0
    engine.observer = { [self] event in
      condition.lock()
      defer { condition.unlock() }
      switch event {
      case .phaseStarted(let job, let run):
        report(.phaseStarted(id, run: run, phase: job.currentPhase), batch)
      case .phaseEnded(let job, let entry):
        phases += 1
        report(
          .phaseEnded(
            id, run: entry.run ?? "", action: entry.action.rawValue, status: job.status,
            costUSD: job.totalUsage.costUSD), batch)
      default:
        break
      }
    }
    record(.batchJobStarted, id, [:])
    let started = Date()
    var note: String?
    var final: Manifest?
    do throws(LogistError) {
      final = try engine.run(id)
    } catch {
      note = error.message
      final = try? store.load(id)
    }
    let seconds = Date().timeIntervalSince(started)
    var payload = [
      "status": final?.status.rawValue ?? "unknown", "phases": String(phases),
      "seconds": String(format: "%.3f", seconds),
    ]
    if let note { payload["error"] = note }
    record(.batchJobFinished, id, payload)
    condition.lock()
    interruptions[id] = nil
    active -= 1
    guard let index = batch.jobs.firstIndex(where: { $0.id == id }) else {
      condition.unlock()
      return
    }
    batch.jobs[index].state = .done
    batch.jobs[index].finalStatus = final?.status
    batch.jobs[index].runs = final?.agentRuns
    batch.jobs[index].costUSD = final?.totalUsage.costUSD
    batch.jobs[index].phasesRun += phases
    batch.jobs[index].seconds = ((batch.jobs[index].seconds + seconds) * 1000).rounded() / 1000
    batch.jobs[index].note = note
    saveLocked()
    let entry = batch.jobs[index]
    report(.jobFinished(entry), batch)
    condition.broadcast()
    condition.unlock()
  }

  /// Writes the batch file (holding the condition's lock); the first failure is kept for ``run()``.
  private func saveLocked() {
    do throws(LogistError) {
      try batches.save(&batch)
    } catch {
      if saveError == nil { saveError = error }
    }
  }

  /// Appends a batch step to job `id`'s own event log.
  /// Whether job `id`'s log already ends this batch's run of it with `batch.job.finished` (the dead
  /// process wrote the event but not the batch file).
  private func finishedLogged(_ id: String) -> Bool {
    let mine = ((try? EventLog(jobDirectory: store.directory(id)).records()) ?? []).filter {
      $0.payload["batch"] == name
        && ($0.kind == EventKind.batchJobStarted.rawValue
          || $0.kind == EventKind.batchJobFinished.rawValue)
    }
    return mine.last?.kind == EventKind.batchJobFinished.rawValue
  }

  private func record(_ kind: EventKind, _ id: String, _ payload: [String: String]) {
    var details = payload
    details["batch"] = name
    let event = EventRecord(time: Date(), job: id, run: nil, kind: kind, payload: details)
    try? EventLog(jobDirectory: store.directory(id)).append(event)
  }
}
