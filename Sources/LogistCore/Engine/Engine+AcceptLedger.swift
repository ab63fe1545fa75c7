import Foundation

/// What `job limits --accept-ledger` did.
public struct LedgerAcceptance: Sendable {
  /// The job afterwards.
  public let manifest: Manifest
  /// What had changed in `ledger.jsonl` (nil when the file matched and only a `ledger` halt was lifted).
  public let damage: LedgerDamage?
  /// The correction lines appended.
  public let corrections: [LedgerRecord]
  /// Whether the halted job became ready.
  public let lifted: Bool
}

extension Engine {
  /// `job limits --accept-ledger`: accepts `ledger.jsonl` as it is now. Correction lines are appended so
  /// that each run sums to what its history entry recorded and the file to the recorded totals (which
  /// never change), the file is re-sealed, a `ledger.accepted` event is logged, and a `ledger` halt is
  /// lifted unless a limit still stops the phase.
  public func acceptLedger(_ id: String) throws(LogistError) -> LedgerAcceptance {
    try withJob(id) { (job: inout Manifest) throws(LogistError) -> LedgerAcceptance in
      let books = try books(job)
      guard books.damage != nil || job.halt?.kind == .ledger else {
        throw .invalid(
          "job \(id): ledger.jsonl matches what was recorded at the last save; there is nothing to accept")
      }
      if job.status == .running {
        throw .invalid("job \(id) is running; accept its ledger once the run has ended")
      }
      // Damaged: the seal as recorded; intact (a `ledger` halt over a restored file): advanced over its lines.
      let recorded = books.seal
      let corrections = LedgerCorrection.records(
        job: job, file: books.fileRecords, recorded: recorded, time: clock.now())
      for record in corrections { try ledger(job).append(record) }
      job.ledger = try LedgerBooks.resealed(ledger(job), keeping: recorded)
      var payload = [
        "corrections": String(corrections.count), "costUSD": String(recorded.usage.costUSD),
        "lines": String(job.ledger?.lines ?? 0),
      ]
      if let damage = books.damage { payload["detail"] = damage.detail }
      var events = [event(.ledgerAccepted, job: id, payload)]
      var lifted = false
      if job.status == .halted, job.halt?.kind == .ledger {
        let role = try phaseRole(job)
        job.halt = nil
        if let blocking = try preflight(job, role: role) {
          job.halt = blocking
          job.statusReason = blocking.sentence
        } else {
          let before = job.state
          job.state = try transition(job, .lift)
          events.append(transitionEvent(.transition, job, from: before, event: "lift"))
          lifted = true
        }
      }
      try commit(&job, now: clock.now(), events)
      return LedgerAcceptance(manifest: job, damage: books.damage, corrections: corrections, lifted: lifted)
    }
  }
}
