import Foundation
import LogistCore

/// `job metrics`.
enum JobMetricsCommand {
  static let spec = CommandSpec(
    ["job", "metrics"], "Per-run usage table from the ledger: tokens by bucket, cost, duration",
    discussion: """
      One row per phase run that has ledger lines (superseded runs marked ~, their money stays spent). \
      The cost column says where the figure comes from: reported by the agent, estimated from prices, \
      or unknown (a model with no price). --csv prints RFC 4180 CSV with a header row.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [.json, .flag("csv", "Print CSV")]
  ) { args, context throws(LogistError) in
    if args.flag("json"), args.flag("csv") {
      throw ArgumentScanner.usage("job metrics", "give at most one of --json and --csv")
    }
    let rows = try context.engine().metrics(args.argument("ID"))
    if args.flag("json") {
      context.out(try Output.json(rows))
      return 0
    }
    let header = [
      "run", "phase", "role", "action", "input", "output", "cache_read", "cache_write", "actions", "cost_usd",
      "cost", "seconds",
    ]
    if args.flag("csv") {
      var lines = [header.joined(separator: ",")]
      for row in rows {
        let cells = [
          row.runName, row.phase, row.role, row.action, String(row.inputTokens), String(row.outputTokens),
          String(row.cacheReadTokens), String(row.cacheWriteTokens), String(row.actions),
          String(format: "%.6f", row.costUSD), row.costSource, String(format: "%.3f", row.seconds),
        ]
        lines.append(cells.map(csv).joined(separator: ","))
      }
      context.out(lines.joined(separator: "\n") + "\n")
      return 0
    }
    guard !rows.isEmpty else {
      context.out("job \(args.argument("ID")) has no ledger lines yet\n")
      return 0
    }
    var table = [header.map { $0.replacingOccurrences(of: "_", with: " ") }]
    for row in rows {
      table.append([
        row.runName + (row.superseded ? "~" : ""), row.phase, row.role, row.action, Output.count(row.inputTokens),
        Output.count(row.outputTokens), Output.count(row.cacheReadTokens), Output.count(row.cacheWriteTokens),
        String(row.actions), Output.money(row.costUSD), row.costSource, Amount.seconds(row.seconds),
      ])
    }
    let total = rows.reduce(into: (cost: 0.0, tokens: 0, seconds: 0.0)) {
      $0.cost += $1.costUSD
      $0.tokens += $1.inputTokens + $1.outputTokens + $1.cacheReadTokens + $1.cacheWriteTokens
      $0.seconds += $1.seconds
    }
    context.out(Output.table(table))
    context.out(
      "total: \(Output.money(total.cost)), \(Output.count(total.tokens)) tokens, \(Amount.seconds(total.seconds)) "
        + "over \(plural(rows.count, "run"))\n")
    return 0
  }

  /// One CSV cell, quoted when it holds a comma, a quote or a line break.
  static func csv(_ cell: String) -> String {
    guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
