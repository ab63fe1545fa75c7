import Foundation
import LogistCore

/// `batch status` (text and `--json`) and the summary `batch run`/`batch resume` end with.
struct BatchView: Encodable {
  /// One job of the batch.
  struct Row: Encodable {
    let id: String
    let state: Batch.Job.State
    let status: JobStatus?
    let phasesRun: Int
    let runs: Int?
    let costUSD: Double?
    let seconds: Double
    let note: String?
  }

  let name: String
  let state: Batch.State
  let parallel: Int
  let starts: Int
  let jobs: [Row]
  let next: String?
  let createdAt: Date
  let updatedAt: Date

  /// The view of `batch`, with each job's current status (nil when unreadable).
  init(_ batch: Batch, current: [JobStatus?], prefix: String) {
    name = batch.name
    state = batch.state
    parallel = batch.parallel
    starts = batch.starts
    jobs = zip(batch.jobs, current).map { job, status in
      Row(
        id: job.id, state: job.state, status: status ?? job.finalStatus, phasesRun: job.phasesRun, runs: job.runs,
        costUSD: job.costUSD, seconds: job.seconds, note: job.note)
    }
    next = batch.state == .finished ? nil : "\(prefix) batch resume \(batch.name)"
    createdAt = batch.createdAt
    updatedAt = batch.updatedAt
  }

  /// The table, a total line, and how to resume when the batch is not finished.
  func text() -> String {
    var rows = [["job", "status", "phases", "cost", "time", "note"]]
    for job in jobs {
      let status = job.state == .waiting || job.state == .running ? job.state.rawValue : job.status?.rawValue ?? "?"
      rows.append([
        job.id, status, String(job.phasesRun), job.costUSD.map(Output.money) ?? "-",
        String(format: "%.1f s", job.seconds), job.note ?? "",
      ])
    }
    var text = Output.table(rows)
    let counts = Dictionary(jobs.map { ($0.status?.rawValue ?? $0.state.rawValue, 1) }, uniquingKeysWith: +)
    let summary = counts.keys.sorted().map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
    let cost = jobs.reduce(0.0) { $0 + ($1.costUSD ?? 0) }
    let phases = jobs.reduce(0) { $0 + $1.phasesRun }
    text +=
      "batch \(name) \(state.rawValue): \(summary) (\(plural(jobs.count, "job")), \(plural(phases, "phase run")), "
    text += "\(Output.money(cost)))\n"
    if let next { text += "  next:   \(next)\n" }
    return text
  }

  /// 130 when interrupted; 0 when every job succeeded; else 4 (failed or cancelled), 3 (halted) or 2
  /// (waiting for a person), the first that applies.
  var exitCode: Int32 {
    if state != .finished { return 130 }
    let statuses = jobs.compactMap(\.status)
    if statuses.contains(.failed) || statuses.contains(.cancelled) { return 4 }
    if statuses.contains(.halted) { return 3 }
    if statuses.contains(where: \.waitsForPerson) { return 2 }
    return statuses.count == jobs.count && statuses.allSatisfy { $0 == .succeeded } ? 0 : 1
  }
}
