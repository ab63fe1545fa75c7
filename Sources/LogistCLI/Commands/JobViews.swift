import Foundation
import LogistCore

/// `job status --json`.
struct JobStatusView: Encodable {
  let id: String
  let title: String
  let goal: String
  let status: JobStatus
  let statusReason: String?
  let currentPhase: String
  let phaseNumber: Int
  let phaseCount: Int
  let phaseKind: PhaseKind
  let role: String
  let attempt: Int
  let maxAttempts: Int
  let runs: Int
  let supersededRuns: Int
  let usage: Usage
  let lease: Lease?
  let next: String?
  let createdAt: Date
  let updatedAt: Date

  init(_ job: Manifest) {
    id = job.id
    title = job.title
    goal = job.goal
    status = job.status
    statusReason = job.statusReason
    currentPhase = job.currentPhase
    phaseNumber = job.phaseNumber
    phaseCount = job.phases.count
    phaseKind = job.phase.kind
    role = job.phase.role
    attempt = job.attempt
    maxAttempts = job.phase.attemptLimit
    runs = job.liveHistory.count
    supersededRuns = job.history.count - job.liveHistory.count
    usage = job.totalUsage
    lease = job.lease
    next = Output.nextCommand(for: job)
    createdAt = job.createdAt
    updatedAt = job.updatedAt
  }
}

/// One row of `job list --json`.
struct JobListRow: Encodable {
  let id: String
  let title: String
  let status: JobStatus
  let currentPhase: String
  let attempt: Int
  let runs: Int
  let costUSD: Double
  let updatedAt: Date

  init(_ job: Manifest) {
    id = job.id
    title = job.title
    status = job.status
    currentPhase = job.currentPhase
    attempt = job.attempt
    runs = job.liveHistory.count
    costUSD = job.totalUsage.costUSD
    updatedAt = job.updatedAt
  }
}

/// One entry of `job history --json`: the manifest's entry with its number.
struct HistoryRow: Encodable {
  let number: Int
  let entry: HistoryEntry

  func encode(to encoder: any Encoder) throws {
    try entry.encode(to: encoder)
    var container = encoder.container(keyedBy: Key.self)
    try container.encode(number, forKey: .number)
  }

  private enum Key: String, CodingKey { case number }
}
