import Foundation
import LogistCore

/// `job gc`: removes the workspaces of finished jobs, keeping their commits as `workspace.mbox`.
enum JobGCCommand {
  static let spec = CommandSpec(
    ["job", "gc"], "Remove the workspaces of finished jobs, keeping their commits as workspace.mbox",
    discussion: """
      For every succeeded, failed or cancelled job, writes the job branch's commits after the base commit to \
      <job>/workspace.mbox (one patch per commit, oldest first; `git am` applies them), then removes \
      <job>/workspace and <job>/workspace.git and records that in job.json (workspaceCollected). Other jobs are \
      never touched. A job with uncommitted changes is skipped unless --force, which commits them on \
      refs/logist/backup/ID/TIME as the archive's last patch. A job locked by another process is skipped.
      """,
    options: [
      .flag("dry-run", "Say what would be removed; change nothing"),
      .option("older-than", "DURATION", "Only jobs unchanged for longer than DURATION: 90s, 30m, 12h, 7d, 2w"),
      .flag("force", "Keep uncommitted changes as the last patch instead of skipping the job"),
      .json,
    ]
  ) { args, context throws(LogistError) in
    var request = GCRequest(dryRun: args.flag("dry-run"), force: args.flag("force"))
    if let text = args.option("older-than") {
      guard let seconds = GCRequest.duration(text) else {
        throw ArgumentScanner.usage(
          "job gc", "--older-than \"\(text)\" is not a duration; use a whole number and s, m, h, d or w (e.g. 7d)")
      }
      request.olderThan = seconds
    }
    let report = try context.engine().collectWorkspaces(request)
    for failure in report.jobs where failure.outcome == .failed {
      context.err("error: job \(failure.id): \(Output.field(failure.reason ?? "collecting its workspace failed"))\n")
    }
    context.out(
      args.flag("json") ? try Output.json(GCReportView(report, olderThan: args.option("older-than"))) : text(report))
    return report.hasFailures ? 1 : 0
  }

  /// The human-readable report: a line per job acted on or skipped, then the total.
  static func text(_ report: GCReport) -> String {
    let dry = report.request.dryRun
    var out = ""
    for job in report.jobs {
      switch job.outcome {
      case .removed, .wouldRemove:
        let patches = "\(job.patches) patch\(job.patches == 1 ? "" : "es")"
        if let ref = job.backupRef {
          out += "backed up \(job.id): \(plural(job.uncommitted.count, "uncommitted file")) on \(ref) "
          out += "(the last patch of workspace.mbox)\n"
        } else if dry, !job.uncommitted.isEmpty {
          out += "would back up \(job.id): \(plural(job.uncommitted.count, "uncommitted file")) "
          out += "(\(job.uncommitted.prefix(5).joined(separator: ", "))) as the last patch of workspace.mbox\n"
        }
        out +=
          dry
          ? "would remove \(job.id): \(bytes(job.bytes)) (workspace.mbox would keep \(patches))\n"
          : "removed \(job.id): \(bytes(job.bytes)) (workspace.mbox kept, \(patches))\n"
      case .skipped: out += "skipped \(job.id): \(Output.field(job.reason ?? ""))\n"
      case .nothingToCollect where dry: out += "nothing to collect in \(job.id): \(Output.field(job.reason ?? ""))\n"
      case .nothingToCollect, .failed: break
      }
    }
    let count = report.collected.count
    out += "\(dry ? "would reclaim" : "reclaimed") \(bytes(report.reclaimedBytes)) from \(plural(count, "job"))"
    var left: [String] = []
    if report.notFinal > 0 { left.append("\(report.notFinal) not finished") }
    if report.tooRecent > 0 { left.append("\(report.tooRecent) too recent") }
    return out + (left.isEmpty ? "" : " (left alone: \(left.joined(separator: ", ")))") + "\n"
  }

  /// `512 B`, `48.0 kB`, `1.2 MB`, `3.4 GB` (powers of 1000, as `du --si`).
  static func bytes(_ count: Int64) -> String {
    guard count >= 1000 else { return "\(count) B" }
    var value = Double(count) / 1000
    for unit in ["kB", "MB", "GB", "TB"] {
      if value < 1000 || unit == "TB" { return String(format: "%.1f", value) + " " + unit }
      value /= 1000
    }
    return "\(count) B"
  }
}

/// `job gc --json`: every key always present (`null` when empty), a result per final job considered.
struct GCReportView: Encodable {
  let dryRun: Bool
  let force: Bool
  let olderThan: String?
  let reclaimedBytes: Int64
  let collectedJobs: Int
  let notFinal: Int
  let tooRecent: Int
  let jobs: [Row]

  /// One job's result.
  struct Row: Encodable {
    let id: String
    let outcome: GCJobResult.Outcome
    let bytes: Int64
    let patches: Int
    let archive: String?
    let backupRef: String?
    let uncommitted: [String]
    let reason: String?

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(outcome, forKey: .outcome)
      try c.encode(bytes, forKey: .bytes)
      try c.encode(patches, forKey: .patches)
      try c.encode(archive, forKey: .archive)
      try c.encode(backupRef, forKey: .backupRef)
      try c.encode(uncommitted, forKey: .uncommitted)
      try c.encode(reason, forKey: .reason)
    }

    private enum CodingKeys: String, CodingKey {
      case id, outcome, bytes, patches, archive, backupRef, uncommitted, reason
    }
  }

  init(_ report: GCReport, olderThan: String?) {
    dryRun = report.request.dryRun
    force = report.request.force
    self.olderThan = olderThan
    reclaimedBytes = report.reclaimedBytes
    collectedJobs = report.collected.count
    notFinal = report.notFinal
    tooRecent = report.tooRecent
    jobs = report.jobs.map { job in
      let kept = job.outcome == .removed || job.outcome == .wouldRemove
      return Row(
        id: job.id, outcome: job.outcome, bytes: job.bytes, patches: job.patches,
        archive: kept ? WorkspaceCollection.archiveName : nil, backupRef: job.backupRef, uncommitted: job.uncommitted,
        reason: job.reason)
    }
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(dryRun, forKey: .dryRun)
    try c.encode(force, forKey: .force)
    try c.encode(olderThan, forKey: .olderThan)
    try c.encode(reclaimedBytes, forKey: .reclaimedBytes)
    try c.encode(collectedJobs, forKey: .collectedJobs)
    try c.encode(notFinal, forKey: .notFinal)
    try c.encode(tooRecent, forKey: .tooRecent)
    try c.encode(jobs, forKey: .jobs)
  }

  private enum CodingKeys: String, CodingKey {
    case dryRun, force, olderThan, reclaimedBytes, collectedJobs, notFinal, tooRecent, jobs
  }
}
