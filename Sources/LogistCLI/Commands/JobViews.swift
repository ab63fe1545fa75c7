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
  let limits: Limits?
  let halt: HaltReason?
  let spend: SpendReport
  let lease: Lease?
  let workspace: WorkspaceStatus?
  let next: String?
  let createdAt: Date
  let updatedAt: Date

  init(_ job: Manifest, spend: SpendReport, prefix: String, jobDirectory: URL) {
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
    runs = job.agentRuns
    supersededRuns = job.supersededRuns
    usage = spend.usage
    limits = job.limits
    halt = job.halt
    self.spend = spend
    lease = job.lease
    workspace = WorkspaceStatus.read(job, jobDirectory: jobDirectory)
    next = Output.nextCommand(for: job, prefix: prefix)
    createdAt = job.createdAt
    updatedAt = job.updatedAt
  }

  private enum CodingKeys: String, CodingKey {
    case id, title, goal, status, statusReason, currentPhase, phaseNumber, phaseCount, phaseKind, role, attempt
    case maxAttempts, runs, supersededRuns, usage, limits, halt, spend, lease, workspace, next, createdAt, updatedAt
  }

  /// Every key is always present (`null` when empty): the shape is an interface.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(title, forKey: .title)
    try c.encode(goal, forKey: .goal)
    try c.encode(status, forKey: .status)
    try c.encode(statusReason, forKey: .statusReason)
    try c.encode(currentPhase, forKey: .currentPhase)
    try c.encode(phaseNumber, forKey: .phaseNumber)
    try c.encode(phaseCount, forKey: .phaseCount)
    try c.encode(phaseKind, forKey: .phaseKind)
    try c.encode(role, forKey: .role)
    try c.encode(attempt, forKey: .attempt)
    try c.encode(maxAttempts, forKey: .maxAttempts)
    try c.encode(runs, forKey: .runs)
    try c.encode(supersededRuns, forKey: .supersededRuns)
    try c.encode(usage, forKey: .usage)
    try c.encode(limits, forKey: .limits)
    try c.encode(halt, forKey: .halt)
    try c.encode(spend, forKey: .spend)
    try c.encode(lease, forKey: .lease)
    try c.encode(workspace, forKey: .workspace)
    try c.encode(next, forKey: .next)
    try c.encode(createdAt, forKey: .createdAt)
    try c.encode(updatedAt, forKey: .updatedAt)
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

  init(_ job: IndexedJob) {
    id = job.id
    title = job.title
    status = job.status
    currentPhase = job.currentPhase
    attempt = job.attempt
    runs = job.runs
    costUSD = job.costUSD
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
