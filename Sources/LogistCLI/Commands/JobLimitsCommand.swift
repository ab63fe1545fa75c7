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
      stopped. Exit code 3 when the job stays halted.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: LimitOptions.specs(adding: true) + [.json]
  ) { args, context throws(LogistError) in
    let update = try LimitOptions.update(args, command: "job limits", adding: true)
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
    context.out(Output.table(StatusFormatter.limitRows(report, limits: job.limits)))
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
