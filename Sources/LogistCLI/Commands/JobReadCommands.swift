import Foundation
import LogistCore

/// `job status`, `job history`, `job list`.
enum JobReadCommands {
  static let status = CommandSpec(
    ["job", "status"], "Show where a job stands and what to do next",
    arguments: [ArgumentSpec("ID", "Job id")], options: [.json]
  ) { args, context throws(LogistError) in
    let engine = try context.engine()
    let job = try engine.inspect(args.argument("ID"))
    let spend = try engine.spendReport(for: job)
    if args.flag("json") {
      context.out(
        try Output.json(
          JobStatusView(job, spend: spend, prefix: context.prefix, jobDirectory: context.store.directory(job.id))))
      return 0
    }
    let usage = spend.usage
    let superseded = job.supersededRuns
    var rows = [
      ["job:", "\(job.id) — \(job.title)"],
      ["status:", job.status.rawValue],
      [
        "phase:",
        "\(job.currentPhase) (\(job.phaseNumber) of \(job.phases.count), \(job.phase.kind.rawValue), role \(job.phase.role))",
      ],
      ["attempt:", "\(job.attempt) of \(job.phase.attemptLimit)"],
      ["runs:", "\(job.agentRuns)" + (superseded > 0 ? " (+\(superseded) superseded)" : "")],
      [
        "usage:",
        "\(Output.money(usage.costUSD))\(usage.costUnknown == true ? " + unknown" : ""), "
          + "\(Output.count(usage.totalTokens)) tokens, \(usage.actions) actions, \(Amount.seconds(spend.seconds))",
      ],
    ]
    rows += StatusFormatter.limitRows(spend, limits: job.limits)
    rows += StatusFormatter.ledgerRows(spend, job: job.id, prefix: context.prefix)
    rows += StatusFormatter.roleRows(spend)
    rows.append(["updated:", JSONCoding.format(job.updatedAt)])
    if let reason = job.statusReason { rows.insert(["reason:", reason], at: 2) }
    if let workspace = WorkspaceStatus.read(job, jobDirectory: context.store.directory(job.id)) {
      rows.append(["workspace:", workspace.summary])
    }
    if let lease = job.lease {
      rows.append(["lease:", "pid \(lease.pid) on \(lease.host) since \(JSONCoding.format(lease.startedAt))"])
    }
    if let next = Output.nextCommand(for: job, prefix: context.prefix) { rows.append(["next:", next]) }
    context.out(Output.table(rows))
    return 0
  }

  static let history = CommandSpec(
    ["job", "history"], "List a job's phase runs and decisions, numbered for restep",
    discussion: "Superseded entries (replaced by a rewind) are marked with ~ and kept.",
    arguments: [ArgumentSpec("ID", "Job id")], options: [.json]
  ) { args, context throws(LogistError) in
    let job = try context.engine().inspect(args.argument("ID"))
    if args.flag("json") {
      context.out(
        try Output.json(job.history.enumerated().map { HistoryRow(number: $0.offset + 1, entry: $0.element) }))
      return 0
    }
    guard !job.history.isEmpty else {
      context.out("job \(job.id) has no history yet\n")
      return 0
    }
    var rows = [["#", "phase", "role", "att", "action", "cost", "tokens", "summary"]]
    for (index, entry) in job.history.enumerated() {
      let summary = entry.summary.split(separator: "\n").first.map(String.init) ?? ""
      rows.append([
        "\(index + 1)\(entry.superseded ? "~" : "")", entry.phase, entry.actor == .person ? "person" : entry.role,
        String(entry.attempt), entry.action.rawValue, Output.money(entry.usage.costUSD),
        Output.count(entry.usage.totalTokens), String(summary.prefix(72)),
      ])
    }
    context.out(Output.table(rows))
    return 0
  }

  static let list = CommandSpec(
    ["job", "list"], "List jobs",
    discussion: """
      Reads the index (<jobs-dir>/logist.db), which notices manifests changed outside logist and \
      reindexes them (saying so once on standard error). --sort: id (default), updated or created (newest \
      first), cost (highest first), status (lifecycle order).
      """,
    arguments: [],
    options: [
      .option("status", "S", "Only jobs with this status"),
      .option("phase", "P", "Only jobs whose current phase is P"),
      .option("since", "T", "Only jobs updated since T (2026-11-21, 2026-11-21T09:00:00Z, 30m, 24h, 7d)"),
      .option("sort", "KEY", "id, updated, created, cost or status"),
      .json,
    ]
  ) { args, context throws(LogistError) in
    let query = try JobListQuery.parse(args)
    var jobs: [IndexedJob] = []
    if let index = try context.index() {
      jobs = try index.jobs(query)
      for problem in try index.unreadableJobs() {
        context.err("warning: skipped unreadable job: \(Output.field(problem.message))\n")
      }
      jobs = try JobListQuery.recoverDeadRunners(jobs, query: query, context: context)
    }
    if args.flag("json") {
      context.out(try Output.json(jobs.map(JobListRow.init)))
      return 0
    }
    guard !jobs.isEmpty else {
      let filter = query.status.map { " with status \($0.rawValue)" } ?? ""
      context.out("no jobs\(filter) in \(context.jobsDirectory.path)\n")
      return 0
    }
    var rows = [["id", "status", "phase", "att", "runs", "cost", "updated", "title"]]
    for job in jobs {
      rows.append([
        job.id, job.status.rawValue, job.currentPhase, String(job.attempt), String(job.runs),
        Output.money(job.costUSD), JSONCoding.format(job.updatedAt), job.title,
      ])
    }
    context.out(Output.table(rows))
    return 0
  }
}
