import Foundation

/// One run's log: `runs/NNNN-<phase>/agent.log` (a live agent) or `render.log` (a render container).
public struct RunLog: Sendable, Equatable {
  /// The run's archive name (`0002-review`).
  public let run: String
  /// The log file (it may not exist yet when the run has just started).
  public let url: URL
}

extension Engine {
  /// The runs of job `id` that have an archive directory, oldest first.
  public func runNames(_ id: String) throws(LogistError) -> [String] {
    try store.requireJob(id)
    let runs = store.directory(id).appendingPathComponent("runs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
    return names.filter { $0.count > 5 && Int($0.prefix(4)) != nil }.sorted()
  }

  /// The log of run `number` (the NNNN of `runs/NNNN-<phase>`, the history number), else of the run in
  /// progress, else of the latest run; nil when the job has no run yet.
  public func runLog(_ id: String, run number: Int? = nil) throws(LogistError) -> RunLog? {
    let names = try runNames(id)
    let name: String
    if let number {
      guard let match = names.first(where: { Int($0.prefix(4)) == number }) else {
        throw .invalid(
          "job \(id) has no run \(number) (runs: \(names.isEmpty ? "none yet" : names.joined(separator: ", ")))")
      }
      name = match
    } else if let running = runningRun(id), names.contains(running) {
      name = running
    } else if let last = names.last {
      name = last
    } else {
      return nil
    }
    return RunLog(run: name, url: Self.logFile(in: store.directory(id).appendingPathComponent("runs/\(name)")))
  }

  /// The run a live process is playing now, if any (the lease of a job whose lock is held).
  public func runningRun(_ id: String) -> String? {
    guard store.isLocked(id), let job = try? store.load(id), job.status == .running else { return nil }
    return job.lease?.run
  }

  /// Whether a process is running job `id` now (its lock is held).
  public func isRunning(_ id: String) -> Bool { store.isLocked(id) }

  /// `render.log` when the run has one, else `agent.log`.
  static func logFile(in runDirectory: URL) -> URL {
    let render = runDirectory.appendingPathComponent("render.log")
    if FileManager.default.fileExists(atPath: render.path) { return render }
    return runDirectory.appendingPathComponent("agent.log")
  }
}
