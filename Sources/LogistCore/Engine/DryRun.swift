import Foundation

/// What `job run --dry-run` found: the path the job would take and what it would cost.
public struct DryRunReport: Sendable {
  /// One simulated phase run.
  public struct Step: Sendable {
    /// History number the run would get.
    public let number: Int
    /// The run's history entry.
    public let entry: HistoryEntry
    /// Job status after it.
    public let statusAfter: JobStatus
  }

  /// Status before the run.
  public let startStatus: JobStatus
  /// The runs, in order.
  public let steps: [Step]
  /// The job as it would end.
  public let final: Manifest
  /// Simulated time (think time of replayed responses).
  public let simulatedSeconds: Double

  /// Usage of the simulated runs.
  public var usage: Usage { steps.reduce(.zero) { $0 + $1.entry.usage } }
}

extension Engine {
  /// `job run --dry-run`: runs the strategy with this engine's roles on a throwaway copy of the job,
  /// through the same code path as `run`, with simulated time. The job directory is not touched.
  public func dryRun(_ id: String) throws(LogistError) -> DryRunReport {
    let original = try inspect(id)
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("logist-dry-run-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: scratch) }
    do {
      try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
      try fm.copyItem(at: store.directory(id), to: scratch.appendingPathComponent(id))
    } catch {
      throw LogistError(.system, "cannot copy job \(id) for a dry run: \(error.localizedDescription)")
    }
    let clock = SimulatedClock(start: Date())
    let start = clock.now()
    let simulation = Engine(
      store: JobStore(root: scratch), roles: roleSource, clock: clock, prices: prices, simulatesLiveAgents: true)
    var steps: [DryRunReport.Step] = []
    simulation.observer = { event in
      if case .phaseEnded(let job, let entry) = event {
        steps.append(DryRunReport.Step(number: job.history.count, entry: entry, statusAfter: job.status))
      }
    }
    let final = try simulation.run(id)
    return DryRunReport(
      startStatus: original.status, steps: steps, final: final,
      simulatedSeconds: clock.now().timeIntervalSince(start))
  }
}
