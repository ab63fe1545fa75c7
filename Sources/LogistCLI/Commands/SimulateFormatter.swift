import Foundation
import LogistCore

/// The text of `logist simulate`.
enum SimulateFormatter {
  /// The whole report; `seedGiven`: the user chose the seed (else a line says how to repeat the run).
  static func text(_ report: SimulationReport, seedGiven: Bool) -> String {
    var text = "simulate \(report.target): \(Output.count(report.runs)) runs, seed \(report.seed)\n"
    if !seedGiven { text += "repeat with: --seed \(report.seed)\n" }
    let before = report.spentBefore
    if before.phaseRuns > 0 || before.costUSD > 0 {
      text +=
        "already spent (included below): \(Amount.money(before.costUSD)), \(Output.count(before.tokens)) tokens, "
        + "\(Amount.seconds(before.seconds)), \(plural(before.phaseRuns, "phase run"))\n"
    }
    if let sources = report.modelSources {
      text += "model fitted from history:\n"
      text += Output.table(sources.map { [$0.phase, source($0)] })
    }
    text += "\n" + probabilities("status", report.status, errors: report.standardErrors, key: "status")
    text += "\n" + probabilities("halt", report.halts, errors: report.standardErrors, key: "halts")
    text += "\n" + Output.table([["", "mean", "p50", "p90", "p99", "max"]] + summaries(report))
    text += "\ncost histogram\n" + histogram(report.costHistogram)
    text += "\nmost likely paths\n"
    text += Output.table(report.paths.map { [percent($0.probability, $0.standardError), $0.path] })
    text += "\nexpected runs per phase\n"
    text += Output.table(report.phases.map { [$0.phase, String(format: "%.2f", $0.expectedRuns)] })
    if let target = report.targetSuccess {
      let asked = String(format: "%g%%", target * 100)
      if let found = report.recommended {
        let wall = found.maxWallSeconds.map { ", maxWallSeconds \(Amount.seconds($0))" } ?? ""
        let steps = found.toleranceSeconds.map { " and \(Amount.seconds($0))" } ?? ""
        text +=
          "\nfor \(asked) success: maxCostUSD \(Amount.money(found.maxCostUSD))\(wall) "
          + "(success \(percent(found.success, found.standardError)); "
          + "in steps of \(Amount.money(found.toleranceUSD))\(steps))\n"
      } else {
        text += "\nfor \(asked) success: no maxCostUSD is enough; other ends stop too many jobs\n"
      }
    }
    return text
  }

  static func source(_ source: HistoryFit.Source) -> String {
    let model = source.model.map { ", model \($0)" } ?? ""
    switch source.basis {
    case "phase": return "\(plural(source.runs, "past run")) of this phase and role\(model)"
    case "role": return "\(plural(source.runs, "past run")) of its role\(model) (too few of this phase)"
    default:
      return "only \(plural(source.runs, "past run")) (under \(HistoryFit.minimumRuns)): the role's limits"
    }
  }

  static func percent(_ probability: Double, _ error: Double) -> String {
    String(format: "%.1f%% ±%.2f%%", probability * 100, error * 100)
  }

  private static func probabilities(
    _ title: String, _ values: [String: Double], errors: [String: Double], key: String
  ) -> String {
    guard !values.isEmpty else { return "\(title): none\n" }
    let rows = values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { name, value in
      [name, percent(value, errors["\(key).\(name)"] ?? 0)]
    }
    return Output.table([[title, "probability ± s.e."]] + rows)
  }

  private static func summaries(_ report: SimulationReport) -> [[String]] {
    func row(_ name: String, _ summary: Summary, _ format: (Double) -> String) -> [String] {
      [name, format(summary.mean), format(summary.p50), format(summary.p90), format(summary.p99), format(summary.max)]
    }
    return [
      row("cost", report.costUSD, Amount.money),
      row("tokens", report.tokens) { Output.count(Int($0.rounded())) },
      row("seconds", report.seconds, Amount.seconds),
      row("phase runs", report.phaseRuns) { String(format: "%.2f", $0) },
    ]
  }

  private static func histogram(_ bins: [SimulationReport.Bin]) -> String {
    let most = bins.map(\.count).max() ?? 0
    let rows = bins.map { bin -> [String] in
      let width = most == 0 ? 0 : Int((Double(bin.count) / Double(most) * 40).rounded(.up))
      return [
        "\(Amount.money(bin.from))–\(Amount.money(bin.to))", String(repeating: "#", count: width),
        Output.count(bin.count),
      ]
    }
    return Output.table(rows)
  }
}

extension SimulateFormatter {
  /// `--compare`: both strategies side by side, B − A with its standard error.
  static func comparison(_ comparison: SimulationComparison, seedGiven: Bool) -> String {
    let a = comparison.a
    let b = comparison.b
    var text = "compare A \(a.target) with B \(b.target): \(Output.count(a.runs)) runs each, seed \(a.seed)\n"
    if !seedGiven { text += "repeat with: --seed \(a.seed)\n" }
    var rows = [["", "A", "B", "B - A", "± s.e.", "beyond noise"]]
    for row in comparison.differences {
      let format: (Double) -> String
      switch row.key {
      case "costUSD.mean": format = Amount.money
      case "tokens.mean": format = { Output.count(Int($0.rounded())) }
      case "seconds.mean": format = { String(format: "%.1fs", $0) }
      case "phaseRuns.mean": format = { String(format: "%.2f", $0) }
      default: format = { String(format: "%.1f%%", $0 * 100) }
      }
      let sign = row.difference < 0 ? "-" : "+"
      rows.append([
        row.key, format(row.a), format(row.b), sign + format(abs(row.difference)), format(row.standardError),
        row.beyondNoise ? "yes" : "no",
      ])
    }
    text += "\n" + Output.table(rows)
    if a.targetSuccess != nil { text += "\n" }
    for report in [a, b] {
      guard let target = report.targetSuccess else { continue }
      let asked = String(format: "%g%%", target * 100)
      let found = report.recommended.map {
        "maxCostUSD \(Amount.money($0.maxCostUSD))"
          + ($0.maxWallSeconds.map { ", maxWallSeconds \(Amount.seconds($0))" } ?? "")
          + " (success \(percent($0.success, $0.standardError)))"
      }
      text += "\(report.target): for \(asked) success: \(found ?? "no maxCostUSD is enough")\n"
    }
    return text
  }
}
