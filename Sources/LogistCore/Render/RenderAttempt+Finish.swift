import Foundation

extension RenderAttempt {
  /// Starts the container (when `start`), follows its log, waits for it, then collects its log and
  /// outputs and removes it.
  ///
  /// A timeout, limit or `job cancel` stops the container (`docker stop`) and it is collected as usual.
  /// An interrupt of `logist` itself, or a connection lost beyond the retries, leaves the container
  /// running: the run ends `INTERRUPTED` with the container id, and `job run` re-attaches to it.
  func finish(_ id: String, directory: String, start: Bool) -> AgentReply {
    let docker = self.docker
    let stopSeconds = settings.stopTimeoutSeconds
    let detach = CommandStop()
    request.control.onStop { reason in
      if case .interrupted(let why) = reason {
        detach.stop(why)
      } else {
        _ = try? docker.stop(id, timeoutSeconds: stopSeconds)
      }
    }
    let follower = LogFollower(
      docker: docker, id: id, file: request.runDirectory.appendingPathComponent("render.log"),
      limit: settings.logLimitBytes, activity: activity, redactor: settings.redactor)
    let started = Date()
    let ending: Result<(outcome: ContainerOutcome, state: ContainerState?), LogistError> = Result {
      () throws(LogistError) in
      if start {
        try docker.start(id)
        if let early = try docker.state(id), early.status == "created" {
          return (ContainerOutcome.classify(exitCode: early.exitCode, state: early), early)
        }
      }
      follower.start()
      let code = try docker.wait(id, stop: detach)
      let state = try docker.state(id)
      return (ContainerOutcome.classify(exitCode: code, state: state), state)
    }
    follower.finish(within: 5)
    if case .failure(let error) = ending, detach.reason != nil || error.kind == .transport {
      return detached(id, error: error, wasInterrupted: detach.reason != nil)
    }
    let seconds = (try? ending.get().state?.runSeconds) ?? Date().timeIntervalSince(started)
    let collected = Result { () throws(LogistError) in try collect(id, directory: directory) }
    if case .interrupted? = request.control.reason {
      // Collected, but the engine was interrupted meanwhile: leave the container for `job run` to collect.
      return detached(id, error: nil, wasInterrupted: true)
    }
    if let rate = settings.costPerHourUSD, rate > 0 {
      request.meter.add(Usage(costUSD: rate * seconds / 3600), costReported: true)
    }
    _ = try? docker.remove(id, force: true)
    let outputs: [OutputRecord]
    switch collected {
    case .success(let records): outputs = records
    case .failure(let error):
      return .none("render \(short(id)): collecting its results failed: \(error.message)" + noted)
    }
    switch ending {
    case .failure(let error): return .none("render \(short(id)): \(error.message)" + noted)
    case .success(let ended) where ended.outcome.isSuccess:
      let names = outputs.map(\.path)
      let summary =
        "Rendered in container \(short(id)) on \(settings.transport.label) (exit 0, "
        + "\(String(format: "%.1f", seconds)) s); "
        + (names.isEmpty ? "no outputs" : "outputs: \(names.joined(separator: ", "))") + noted
      return .answer(DockerRenderProvider.response(completed: true, summary: summary, evidence: names))
    case .success(let ended):
      return failed("render failed in container \(short(id)): \(ended.outcome.reason)")
    }
  }

  /// The container is left running (or finished, uncollected) for a later `job run` to re-attach to.
  private func detached(_ id: String, error: LogistError?, wasInterrupted: Bool) -> AgentReply {
    let why =
      wasInterrupted
      ? "container \(short(id)) keeps running"
      : "lost the connection to \(settings.transport.label) while container \(short(id)) ran: \(error?.message ?? "")"
    let next = "`logist job run \(job)` re-attaches to it"
    if !wasInterrupted { request.control.stop(.interrupted("\(why); \(next)")) }
    return .none("\(why); \(next)")
  }
}
