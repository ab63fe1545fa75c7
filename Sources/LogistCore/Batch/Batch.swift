import Foundation

/// A named set of jobs run together: `<jobs-dir>/.batches/NAME.json`, rewritten atomically at every step.
///
/// The jobs' manifests stay the truth about each job; the batch file says which jobs belong to the batch,
/// how many run at once, and what each ended as, so `batch resume` can finish it after any interruption.
public struct Batch: Codable, Sendable, Equatable {
  /// Where the batch stands.
  public enum State: String, Codable, Sendable {
    /// Running now, or killed while running (`batch resume` finishes it).
    case running
    /// Stopped by Ctrl-C or SIGTERM; `batch resume` finishes it.
    case interrupted
    /// Every job was run or skipped.
    case finished
  }

  /// One job of the batch.
  public struct Job: Codable, Sendable, Equatable {
    /// Where the job stands within the batch.
    public enum State: String, Codable, Sendable {
      /// Not started yet.
      case waiting
      /// Its engine is running it.
      case running
      /// Its engine returned: `finalStatus` says how it ended.
      case done
      /// Left alone: finished already, or waiting for a person.
      case skipped
    }

    /// Job id.
    public var id: String
    /// State in the batch.
    public var state: State
    /// The job's status when the batch last ran or skipped it.
    public var finalStatus: JobStatus?
    /// Live agent runs of the job at that point.
    public var runs: Int?
    /// Phase runs this batch ran for it (across resumes).
    public var phasesRun: Int
    /// Total cost of the job at that point.
    public var costUSD: Double?
    /// Seconds this batch spent running it (across resumes).
    public var seconds: Double
    /// Why the batch could not run it, or left it alone.
    public var note: String?

    /// A waiting job.
    public init(id: String) {
      self.id = id
      state = .waiting
      phasesRun = 0
      seconds = 0
    }
  }

  /// The batch's name (a job-id-like word).
  public var name: String
  /// Where it stands.
  public var state: State
  /// At most this many jobs run at once.
  public var parallel: Int
  /// Its jobs, in the order given.
  public var jobs: [Job]
  /// How many times it was started (1 + resumes).
  public var starts: Int
  /// When it was made.
  public var createdAt: Date
  /// When the file was last written.
  public var updatedAt: Date

  /// A new batch, every job waiting.
  public init(name: String, ids: [String], parallel: Int, now: Date) {
    self.name = name
    state = .running
    self.parallel = parallel
    jobs = ids.map(Job.init)
    starts = 0
    createdAt = now
    updatedAt = now
  }

  /// `batch-20261121T224107Z`: the name of a batch started at `now` without `--name`.
  public static func defaultName(now: Date) -> String { "batch-" + ReferenceStamp.text(now) }

  /// Jobs per state.
  public func count(_ state: Job.State) -> Int { jobs.filter { $0.state == state }.count }
}
