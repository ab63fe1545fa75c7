import Foundation

/// One attempt of a render phase, from upload to `docker rm` (`docs/remote.md`, "The lifecycle").
struct RenderAttempt {
  let request: AgentRequest
  let settings: RenderSettings
  let clock: any EngineClock

  private var job: String { request.manifest.id }
  private var runName: String { request.runDirectory.lastPathComponent }
  private var docker: DockerHost { DockerHost(settings.transport) }
  private var files: RemoteFiles { RemoteFiles(settings.transport) }

  /// Runs the attempt; every failure becomes the reply's reason (nothing is thrown past the engine).
  func run() -> AgentReply {
    let directory: String
    let envFile: String?
    do throws(LogistError) {
      directory = try files.absoluteDirectory("\(settings.remoteDir)/\(job)/\(runName)")
      try upload(into: directory)
      envFile = settings.env.isEmpty ? nil : directory + ".env"
      if let envFile { try files.upload(settings.envFile, to: envFile, mode: 0o600) }
    } catch {
      return .none("render on \(settings.transport.label): \(error.message)")
    }
    defer { if let envFile { try? files.remove(envFile) } }
    if request.control.reason != nil { return .none("the run was stopped before its container was created") }
    let spec = ContainerSpec(
      image: settings.image, command: settings.command, name: ContainerName.forRun(job: job, run: runName),
      labels: ContainerName.labels(
        job: job, run: runName, phase: request.manifest.currentPhase,
        attempt: request.manifest.attempt),
      hostDirectory: directory, envFile: envFile, gpus: settings.gpus)
    let id: String
    do throws(LogistError) {
      try spec.validate()
      switch try docker.create(spec) {
      case .created(let created): id = created
      case .imageMissing: return failed(ContainerOutcome.imageMissing(settings.image).reason)
      case .nameInUse(let message):
        return .none("container \(spec.name) exists already on \(settings.transport.label) (\(message)); remove it")
      case .failed(let message, let code): return failed("docker create failed (exit \(code)): \(message)")
      }
      try RunArchive.writeJSON(
        ContainerRecord(
          id: id, name: spec.name, host: settings.transport.label, image: settings.image, directory: directory,
          createdAt: clock.now()),
        name: "container.json", in: request.runDirectory)
    } catch {
      return .none("render on \(settings.transport.label): \(error.message)")
    }
    var reply = finish(id, directory: directory)
    reply.container = id
    return reply
  }

  /// Start, wait (stopping on a stop), then collect and remove whatever happened.
  private func finish(_ id: String, directory: String) -> AgentReply {
    let docker = self.docker
    let stopSeconds = settings.stopTimeoutSeconds
    request.control.onStop { _ in _ = try? docker.stop(id, timeoutSeconds: stopSeconds) }
    let started = Date()
    let ending: Result<ContainerOutcome, LogistError> = Result { () throws(LogistError) in
      try docker.start(id)
      let early = try docker.state(id)
      if let early, early.status == "created" {
        return ContainerOutcome.classify(exitCode: early.exitCode, state: early)
      }
      let code = try docker.wait(id)
      return ContainerOutcome.classify(exitCode: code, state: try docker.state(id))
    }
    let seconds = Date().timeIntervalSince(started)
    if let rate = settings.costPerHourUSD, rate > 0 {
      request.meter.add(Usage(costUSD: rate * seconds / 3600), costReported: true)
    }
    let collected = Result { () throws(LogistError) in try collect(id, directory: directory) }
    _ = try? docker.remove(id, force: true)
    let outputs: [OutputRecord]
    switch collected {
    case .success(let records): outputs = records
    case .failure(let error): return .none("render \(short(id)): collecting its results failed: \(error.message)")
    }
    switch ending {
    case .failure(let error): return .none("render \(short(id)): \(error.message)")
    case .success(let outcome) where outcome.isSuccess:
      let names = outputs.map(\.path)
      let summary =
        "Rendered in container \(short(id)) on \(settings.transport.label) (exit 0, \(String(format: "%.1f", seconds)) s); "
        + (names.isEmpty ? "no outputs" : "outputs: \(names.joined(separator: ", "))")
      return .answer(DockerRenderProvider.response(completed: true, summary: summary, evidence: names))
    case .success(let outcome):
      return failed("render failed in container \(short(id)): \(outcome.reason)")
    }
  }

  private func failed(_ reason: String) -> AgentReply {
    .answer(DockerRenderProvider.response(completed: false, summary: reason, evidence: []))
  }

  private func upload(into directory: String) throws(LogistError) {
    guard !settings.inputs.isEmpty else { return }
    guard let workspace = request.workspace else {
      throw .invalid("job \(job) has no workspace to take render inputs from")
    }
    for input in settings.inputs {
      let local = workspace.appendingPathComponent(input)
      guard let data = FileManager.default.contents(atPath: local.path) else {
        throw .invalid("input \(input) is not in the workspace (\(local.path)); an earlier phase must write it")
      }
      try files.upload(data, to: "\(directory)/\(input)")
    }
  }

  /// The full log into `render.log`; each output that exists into the workspace and `outputs.json`.
  private func collect(_ id: String, directory: String) throws(LogistError) -> [OutputRecord] {
    let log = try docker.logs(id)
    try RunArchive.write(log.stdout + log.stderr, name: "render.log", in: request.runDirectory)
    var records: [OutputRecord] = []
    for output in settings.outputs {
      guard let data = try files.download("\(directory)/\(output)") else { continue }
      if let workspace = request.workspace {
        let target = workspace.appendingPathComponent(output)
        do {
          try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
          throw LogistError(.system, "cannot create \(target.deletingLastPathComponent().path): \(error)")
        }
        try AtomicFile.write(data, to: target)
      }
      records.append(OutputRecord(path: output, sha256: SHA256.hex(data), bytes: data.count))
    }
    try RunArchive.writeJSON(records, name: "outputs.json", in: request.runDirectory)
    return records
  }

  private func short(_ id: String) -> String { String(id.prefix(12)) }
}
