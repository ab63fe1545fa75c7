import Foundation
import LogistCore

/// The text of `logist stats`.
enum StatsFormatter {
  static func format(_ stats: IndexStats) -> String {
    var text = stats.since.map { "since \(JSONCoding.format($0))\n" } ?? ""
    text += "jobs: \(stats.jobs)"
    if !stats.byStatus.isEmpty {
      text += " (" + stats.byStatus.map { "\($0.count) \($0.name)" }.joined(separator: ", ") + ")"
    }
    text += "\nspend: \(Output.money(stats.costUSD)), \(Output.count(stats.tokens)) tokens\n"
    let rate = stats.successRate.map { String(format: "%.0f%%", $0 * 100) } ?? "-"
    let runs = stats.meanRunsToSuccess.map { String(format: "%.1f", $0) } ?? "-"
    let time = stats.meanSecondsToSuccess.map(duration) ?? "-"
    text += "success: \(rate) of finished jobs; mean \(runs) phase runs and \(time) to success\n"
    for (title, groups) in [("role", stats.byRole), ("model", stats.byModel)] where !groups.isEmpty {
      var rows = [[title, "runs", "cost", "tokens"]]
      for group in groups {
        rows.append([group.name, String(group.count), Output.money(group.costUSD), Output.count(group.tokens)])
      }
      text += "\n" + Output.table(rows)
    }
    return text
  }

  /// `4.2 s`, `3 min 10 s`, `2 h 5 min`.
  static func duration(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let whole = Int(seconds.rounded())
    if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
    return "\(whole / 3600) h \(whole % 3600 / 60) min"
  }
}
