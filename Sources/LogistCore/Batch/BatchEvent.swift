/// What a running batch reports, from its worker threads, for progress output.
public enum BatchEvent: Sendable {
  /// A job's engine started.
  case jobStarted(String)
  /// A phase of a job started.
  case phaseStarted(String, run: String, phase: String)
  /// A phase of a job ended; `status` is the job's status after it, `costUSD` the job's total so far.
  case phaseEnded(String, run: String, action: String, status: JobStatus, costUSD: Double)
  /// A job's engine returned (or failed); the batch's entry for it.
  case jobFinished(Batch.Job)
  /// A job was left alone (finished already, or waiting for a person).
  case jobSkipped(Batch.Job)
  /// The batch is stopping (a signal): no new job starts, running ones are interrupted.
  case stopping(String)
}
