import LogistCore

/// The text of `job run --dry-run`.
enum DryRunFormatter {
  static func format(_ report: DryRunReport) -> String {
    let job = report.final
    var text = "dry run of job \(job.id) on a throwaway copy (nothing is changed)\n"
    text += "start: \(report.startStatus.rawValue)\n"
    var rows = [["#", "phase", "role", "att", "action", "cost", "tokens", "status after"]]
    var simulated: [String] = []
    for step in report.steps {
      let isSimulated = step.entry.provider?.hasPrefix("simulated") == true
      rows.append([
        String(step.number), step.entry.phase, step.entry.role, String(step.entry.attempt),
        step.entry.action.rawValue + (isSimulated ? "*" : ""), Output.money(step.entry.usage.costUSD),
        Output.count(step.entry.usage.totalTokens), step.statusAfter.rawValue,
      ])
      if isSimulated, let source = step.entry.provider?.split(separator: ": ", maxSplits: 1).last {
        let note = "role \(step.entry.role): \(source)"
        if !simulated.contains(note) { simulated.append(note) }
      }
    }
    text += report.steps.isEmpty ? "no phase would run\n" : Output.table(rows)
    if !simulated.isEmpty {
      text += "* simulated, nothing started (live agents and containers never run in a dry run); numbers from:\n"
      for note in simulated { text += "  \(note)\n" }
    }
    let usage = report.usage
    text += "end: \(job.status.rawValue)"
    if let reason = job.statusReason { text += " (\(reason))" }
    text +=
      "\ntotal: \(plural(report.steps.count, "run")), \(Output.money(usage.costUSD)), \(Output.count(usage.totalTokens)) tokens, "
    text += String(format: "%.1f s simulated\n", report.simulatedSeconds)
    return text
  }
}
