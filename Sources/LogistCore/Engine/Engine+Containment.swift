import Foundation

extension Engine {
  /// Seconds a stray process gets between SIGTERM and SIGKILL.
  static let strayGraceSeconds = 10.0

  /// Stops every live process that carries a run token of `job`: a dead runner's agent and what it
  /// started, or a helper that escaped a run. Called under the job's lock, so none of them belongs to
  /// a live runner. Each gets SIGTERM, then SIGKILL after `grace` seconds (the role's `graceSeconds`
  /// when a phase is about to run, else ``strayGraceSeconds``). Returns what was stopped, commands redacted.
  func stopStrayProcesses(_ job: Manifest, grace: Double = strayGraceSeconds) -> [StoppedProcess] {
    let stopped = ProcessSweep.stop(tokenPrefix: RunToken.jobPrefix(store.directory(job.id)), grace: grace)
    let redactor = SecretRedactor(environment: environment)
    return stopped.map { process in
      var process = process
      process.command = redactor.redact(process.command)
      return process
    }
  }

  /// The event saying which stray processes were stopped, and why.
  func processesStoppedEvent(_ job: Manifest, _ stopped: [StoppedProcess], run: String?, when: String)
    -> EventRecord
  {
    event(
      .processesStopped, job: job.id, run: run,
      [
        "when": when, "count": String(stopped.count), "pids": stopped.map { String($0.pid) }.joined(separator: " "),
        "processes": StoppedProcess.describe(stopped),
      ])
  }
}
