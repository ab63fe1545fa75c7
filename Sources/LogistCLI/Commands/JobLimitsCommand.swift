import Foundation
import LogistCore

/// `job limits`.
enum JobLimitsCommand {
  static let spec = CommandSpec(
    ["job", "limits"], "Show or change a job's limits; a halted job the new limits allow becomes ready",
    discussion: """
      Without options, prints the limits and what the job has used against each. --max-… sets a limit \
      (`none` removes it), --add-… raises one by an amount. Every change is recorded in the manifest's \
      limitChanges (old, new, when) and as a limits.changed event. When the job is halted and the new limits \
      no longer stop its phase, it becomes ready and `job run` continues from exactly the phase that was \
      stopped. --accept-ledger accepts a ledger.jsonl that was tampered with (the `ledger` halt): \
      correction lines are appended so it adds up to the recorded totals again, which do not change, \
      and the file is re-sealed. Exit code 3 when the job stays halted.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: LimitOptions.specs(adding: true) + [
      .flag("accept-ledger", "Accept a tampered ledger.jsonl: append corrections, keep the recorded totals"), .json,
    ]
  ) { args, context throws(LogistError) in
    let update = try LimitOptions.update(args, command: "job limits", adding: true)
    if args.flag("accept-ledger") {
      guard update.isEmpty else {
        throw ArgumentScanner.usage("job limits", "--accept-ledger cannot go together with a limit change")
      }
      return try acceptLedger(args.argument("ID"), json: args.flag("json"), context: context)
    }
    let engine = try context.engine()
    let result = try engine.changeLimits(args.argument("ID"), update)
    let job = result.manifest
    let report = try engine.spendReport(for: job)
    if args.flag("json") {
      context.out(try Output.json(LimitsView(result: result, spend: report)))
      return job.status == .halted ? 3 : 0
    }
    if result.old != result.new {
      for field in LimitField.allCases where field.value(in: result.old) != field.value(in: result.new) {
        let old = field.value(in: result.old).map(field.format) ?? "none"
        let new = field.value(in: result.new).map(field.format) ?? "none"
        context.out("\(field.rawValue): \(old) -> \(new)\n")
      }
    }
    context.out(
      Output.table(
        StatusFormatter.limitRows(report, limits: job.limits)
          + StatusFormatter.ledgerRows(report, job: job.id, prefix: context.prefix)))
    switch job.status {
    case .halted:
      context.out("job \(job.id): still halted: \(Output.field(job.statusReason ?? "a limit is reached"))\n")
      if let next = Output.nextCommand(for: job, prefix: context.prefix) { context.out("next: \(next)\n") }
      return 3
    case _ where result.lifted:
      context.out("job \(job.id): no longer halted; it is \(job.status.rawValue) at phase \(job.currentPhase)\n")
      if let next = Output.nextCommand(for: job, prefix: context.prefix) { context.out("next: \(next)\n") }
    default:
      break
    }
    return 0
  }
}

extension JobLimitsCommand {
  /// `job limits ID --accept-ledger`.
  static func acceptLedger(_ id: String, json: Bool, context: CommandContext) throws(LogistError) -> Int32 {
    let engine = try context.engine()
    let result = try engine.acceptLedger(id)
    let job = result.manifest
    let report = try engine.spendReport(for: job)
    if json {
      context.out(try Output.json(LedgerAcceptView(result: result, spend: report)))
      return job.status == .halted ? 3 : 0
    }
    let usage = report.usage
    context.out(
      "ledger.jsonl accepted: \(result.damage?.detail ?? "it matches its seal but lacks usage recorded since"); "
        + "\(plural(result.corrections.count, "correction line")) appended; the recorded totals stand: "
        + "\(Output.money(usage.costUSD)), \(Output.count(usage.totalTokens)) tokens, \(usage.actions) actions\n")
    context.out(Output.table(StatusFormatter.limitRows(report, limits: job.limits)))
    if job.status == .halted {
      context.out("job \(job.id): still halted: \(job.statusReason ?? "a limit is reached")\n")
      if let next = Output.nextCommand(for: job, prefix: context.prefix) { context.out("next: \(next)\n") }
      return 3
    }
    if result.lifted {
      context.out("job \(job.id): no longer halted; it is \(job.status.rawValue) at phase \(job.currentPhase)\n")
      if let next = Output.nextCommand(for: job, prefix: context.prefix) { context.out("next: \(next)\n") }
    }
    return 0
  }
}

/// `job limits --accept-ledger --json`.
struct LedgerAcceptView: Encodable {
  let id: String
  let status: JobStatus
  let damage: LedgerDamage?
  let corrections: Int
  let lifted: Bool
  let halt: HaltReason?
  let spend: SpendReport

  init(result: LedgerAcceptance, spend: SpendReport) {
    id = result.manifest.id
    status = result.manifest.status
    damage = result.damage
    corrections = result.corrections.count
    lifted = result.lifted
    halt = result.manifest.halt
    self.spend = spend
  }
}

/// `job limits --json`.
struct LimitsView: Encodable {
  let id: String
  let status: JobStatus
  let limits: Limits
  let previous: Limits
  let lifted: Bool
  let halt: HaltReason?
  let spend: SpendReport

  init(result: LimitsChangeResult, spend: SpendReport) {
    id = result.manifest.id
    status = result.manifest.status
    limits = result.new
    previous = result.old
    lifted = result.lifted
    halt = result.manifest.halt
    self.spend = spend
  }
}
