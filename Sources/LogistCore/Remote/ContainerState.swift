import Foundation

/// The parts of `docker inspect`'s `.State` the lifecycle reads.
public struct ContainerState: Sendable, Equatable, Decodable {
  /// `created`, `running`, `exited`, …
  public let status: String
  /// The exit code (set by the engine too: 127 when the command was not found, 126 when not executable).
  public let exitCode: Int32
  /// Whether the kernel's OOM killer ended it.
  public let oomKilled: Bool
  /// The engine's error starting it, empty when there was none.
  public let error: String
  /// When it started (`0001-01-01T00:00:00Z` when it never did).
  public let startedAt: String
  /// When it ended.
  public let finishedAt: String

  /// Makes a state.
  public init(
    status: String, exitCode: Int32, oomKilled: Bool = false, error: String = "",
    startedAt: String = "0001-01-01T00:00:00Z", finishedAt: String = "0001-01-01T00:00:00Z"
  ) {
    self.status = status
    self.exitCode = exitCode
    self.oomKilled = oomKilled
    self.error = error
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }

  /// Whether the container is still to finish (created but not started, running, paused, restarting).
  public var isRunning: Bool { status == "running" || status == "paused" || status == "restarting" }

  /// Whether its process ever started.
  public var everStarted: Bool { !startedAt.hasPrefix("0001-") }

  /// Seconds its process ran, from `StartedAt` to `FinishedAt` (the engine's clock, so a render that
  /// ran while nobody watched is still counted in full); nil when it never started, has not finished,
  /// or the engine's times do not go forward (for a process of a few milliseconds docker may record a
  /// `FinishedAt` before its `StartedAt`).
  public var runSeconds: Double? {
    guard everStarted, !finishedAt.hasPrefix("0001-"), let start = JSONCoding.parseDate(startedAt),
      let end = JSONCoding.parseDate(finishedAt), end > start
    else { return nil }
    return end.timeIntervalSince(start)
  }

  private enum CodingKeys: String, CodingKey {
    case status = "Status"
    case exitCode = "ExitCode"
    case oomKilled = "OOMKilled"
    case error = "Error"
    case startedAt = "StartedAt"
    case finishedAt = "FinishedAt"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    status = try container.decode(String.self, forKey: .status)
    exitCode = try container.decode(Int32.self, forKey: .exitCode)
    oomKilled = try container.decodeIfPresent(Bool.self, forKey: .oomKilled) ?? false
    error = try container.decodeIfPresent(String.self, forKey: .error) ?? ""
    startedAt = try container.decodeIfPresent(String.self, forKey: .startedAt) ?? "0001-01-01T00:00:00Z"
    finishedAt = try container.decodeIfPresent(String.self, forKey: .finishedAt) ?? "0001-01-01T00:00:00Z"
  }
}

/// One line of `DockerCLI.list`: a container found by its labels.
public struct ContainerListing: Sendable, Equatable {
  /// The full container id.
  public let id: String
  /// Its name.
  public let name: String
  /// `created`, `running`, `exited`, …
  public let state: String
  /// Its `logist.attempt` label, empty when missing.
  public let attempt: String
  /// Its `logist.run` label (the run that created it), empty when missing.
  public let run: String

  /// Makes a listing.
  public init(id: String, name: String, state: String, attempt: String, run: String = "") {
    self.id = id
    self.name = name
    self.state = state
    self.attempt = attempt
    self.run = run
  }
}
