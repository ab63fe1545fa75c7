import Foundation
import LogistCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Progress of a running batch on standard error. On a terminal: one live line per running job and a
/// total (done / running / waiting, spend so far), redrawn as jobs move. Otherwise (pipes, files, tests):
/// one line per job transition.
final class BatchDisplay: Sendable {
  private let live: Bool
  private let name: String
  /// Live lines per running job, and how many lines the block drawn last has.
  private let state = Mutex<(lines: [String: String], costs: [String: Double], drawn: Int)>(([:], [:], 0))

  init(name: String) {
    self.name = name
    live = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  /// Reports one event; the runner serializes calls.
  func show(_ event: BatchEvent, _ batch: Batch) {
    var permanent: String?
    state.withLock { state in
      switch event {
      case .jobStarted(let id):
        state.lines[id] = "\(id): starting"
        if !live { permanent = "\(id): started" }
      case .phaseStarted(let id, let run, let phase):
        state.lines[id] = "\(id): \(run) running phase \(phase)"
      case .phaseEnded(let id, let run, let action, let status, let cost):
        state.costs[id] = cost
        state.lines[id] = "\(id): \(run) \(action) -> \(status.rawValue) (\(Output.money(cost)))"
        if !live { permanent = "\(id): \(run) \(action) -> \(status.rawValue) (\(Output.money(cost)) so far)" }
      case .jobFinished(let job):
        state.lines[job.id] = nil
        permanent =
          "\(job.id): finished \(job.finalStatus?.rawValue ?? "with an error")" + (job.note.map { ": \($0)" } ?? "")
      case .jobSkipped(let job):
        permanent = "\(job.id): skipped (\(job.note ?? "not runnable"))"
      case .stopping(let reason):
        permanent = "stopping (\(reason)): no new job starts; running jobs are interrupted"
      }
      guard live else { return }
      Console.control(.eraseLinesAbove(state.drawn))
      var text = ""
      if let permanent { text += "batch \(name): \(Output.field(permanent))\n" }
      let spent = batch.jobs.reduce(0.0) { $0 + (state.costs[$1.id] ?? $1.costUSD ?? 0) }
      let block = state.lines.keys.sorted().compactMap { state.lines[$0] } + [BatchDisplay.total(batch, spent: spent)]
      text += block.map { "  " + Output.field($0) + "\n" }.joined()
      state.drawn = block.count
      Console.err(text)
    }
    if !live, let permanent { Console.err("batch \(name): \(Output.field(permanent))\n") }
  }

  /// `3 done, 2 running, 5 waiting, $0.0368 so far`.
  static func total(_ batch: Batch, spent: Double) -> String {
    let done = batch.count(.done) + batch.count(.skipped)
    return "\(done) done, \(batch.count(.running)) running, \(batch.count(.waiting)) waiting, "
      + "\(Output.money(spent)) so far"
  }
}
