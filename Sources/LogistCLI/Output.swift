import Foundation
import LogistCore

/// Formatting shared by commands: money, tokens, tables, JSON, exit codes.
public enum Output {
  /// `$0.0123`.
  public static func money(_ value: Double) -> String { Amount.money(value) }

  /// `12,345`.
  public static func count(_ value: Int) -> String { Amount.count(value) }

  /// `text` (a summary, a reason, a file name: anything an agent, a repository or a file wrote) as one
  /// line with its controls made visible, newlines and tabs included (see ``TerminalText``).
  public static func field(_ text: String) -> String { TerminalText.visible(text) }

  /// Left-aligned columns separated by two spaces, trailing spaces trimmed; each cell is a
  /// ``field(_:)``, so no cell can break the table or drive the terminal.
  public static func table(_ rows: [[String]]) -> String {
    let rows = rows.map { $0.map(field) }
    guard let width = rows.map(\.count).max() else { return "" }
    var widths = Array(repeating: 0, count: width)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    var text = ""
    for row in rows {
      var line = ""
      for (index, cell) in row.enumerated() {
        line += cell
        if index < row.count - 1 {
          line += String(repeating: " ", count: widths[index] - cell.count + 2)
        }
      }
      while line.last?.isWhitespace == true { line.removeLast() }
      text += line + "\n"
    }
    return text
  }

  /// Pretty JSON of an encodable value, with a newline.
  public static func json<T: Encodable>(_ value: T) throws(LogistError) -> String {
    do {
      return String(decoding: try JSONCoding.data(value), as: UTF8.self)
    } catch {
      throw LogistError(.system, "cannot encode JSON output: \(error)")
    }
  }

  /// Exit code for a job that stopped in `status`.
  public static func exitCode(for status: JobStatus) -> Int32 {
    switch status {
    case .draft, .ready, .running, .succeeded: return 0
    case .awaitingApproval, .needsIntervention: return 2
    case .halted: return 3
    case .failed, .cancelled: return 4
    case .interrupted: return 130
    }
  }

  /// The command that moves a job on from `status`, if any.
  public static func nextCommand(for job: Manifest, prefix: String = "logist") -> String? {
    nextCommandText(for: job)?.replacingOccurrences(of: "logist ", with: prefix + " ")
  }

  private static func nextCommandText(for job: Manifest) -> String? {
    switch job.status {
    case .draft: return "logist job activate \(job.id)"
    case .ready, .interrupted: return "logist job run \(job.id)"
    case .awaitingApproval: return "logist job approve \(job.id)  |  logist job reject \(job.id) --feedback TEXT"
    case .needsIntervention, .failed: return "logist job history \(job.id), then logist job restep \(job.id) N"
    case .halted:
      return job.halt?.liftCommand(job: job.id) ?? "logist job limits \(job.id) --help, then logist job run \(job.id)"
    case .running: return "logist job logs \(job.id) -f  |  logist job cancel \(job.id)"
    case .succeeded, .cancelled: return nil
    }
  }

  /// One line saying where a job ended up: `job x: succeeded after 2 runs ($0.0163, 2,340 tokens)`.
  public static func outcome(_ job: Manifest, prefix: String = "logist") -> String {
    let usage = job.totalUsage
    var text = "job \(job.id): \(job.status.rawValue)"
    if job.status != .succeeded, job.status != .cancelled {
      text += " at phase \(job.currentPhase) (attempt \(job.attempt))"
    }
    text +=
      " after \(plural(job.agentRuns, "run")) (\(money(usage.costUSD)), \(count(usage.totalTokens)) tokens)"
    if let reason = job.statusReason, job.status != .ready { text += "\n  reason: \(field(reason))" }
    if let next = nextCommand(for: job, prefix: prefix) { text += "\n  next:   \(next)" }
    return text + "\n"
  }
}

/// `1 run`, `2 runs`.
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
