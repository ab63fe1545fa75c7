import Foundation
import LogistCore

/// The spend rows of `job status` and `job limits`.
enum StatusFormatter {
  /// `limits:` rows, one per budgeted limit, plus the per-phase ones: `cost  $0.41 of $1.00 (41%)`.
  static func limitRows(_ report: SpendReport, limits: Limits?) -> [[String]] {
    var rows: [[String]] = []
    for line in report.limits {
      rows.append([
        rows.isEmpty ? "limits:" : "",
        "\(line.key) \(line.kind.formatPlain(line.used)) of \(line.kind.formatPlain(line.limit)) (\(percent(line.percent)))",
      ])
    }
    var others: [String] = []
    if let timeout = limits?.phaseTimeoutSeconds { others.append("phaseTimeoutSeconds \(Amount.seconds(timeout))") }
    others.append("warnAt \(String(format: "%g", limits?.warnAt ?? 0.8))")
    others.append("noProgressRuns \(limits?.noProgressRuns ?? 3)")
    rows.append([rows.isEmpty ? "limits:" : "", others.joined(separator: ", ")])
    return rows
  }

  /// The `ledger:` row of a tampered ledger (none when it matches what was recorded).
  static func ledgerRows(_ report: SpendReport, job: String, prefix: String) -> [[String]] {
    guard let damage = report.ledgerDamage else { return [] }
    return [
      [
        "ledger:",
        "TAMPERED: \(damage.detail); the usage shown is what was recorded. "
          + "`\(prefix) job limits \(job) --accept-ledger` accepts the file (corrections appended)",
      ]
    ]
  }

  /// `by role:` rows.
  static func roleRows(_ report: SpendReport) -> [[String]] {
    report.byRole.enumerated().map { index, line in
      [
        index == 0 ? "by role:" : "",
        "\(line.role) \(Output.money(line.usage.costUSD)), \(Output.count(line.usage.totalTokens)) tokens, "
          + "\(plural(line.runs, "run")), \(Amount.seconds(line.seconds))",
      ]
    }
  }

  private static func percent(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
  }
}
