import Foundation

/// One attempt of a render phase, from upload to `docker rm` (`docs/remote.md`, "The lifecycle").
///
/// An attempt whose container already exists (a `logist` that died or was interrupted left it behind)
/// is re-attached to, never created twice: the container is found by its labels `logist.job`,
/// `logist.phase` and `logist.attempt`.
struct RenderAttempt {
  let request: AgentRequest
  let settings: RenderSettings
  let clock: any EngineClock
  let activity: AgentActivity?
  /// Said at the end of the run's summary: why this run made a new container (``lostContainer()``).
  var note: String? = nil

  /// `note` as the end of a summary.
  var noted: String { note.map { "; " + $0 } ?? "" }

  var job: String { request.manifest.id }
  var runName: String { request.runDirectory.lastPathComponent }
  var docker: DockerHost { DockerHost(settings.transport) }
  var files: RemoteFiles { RemoteFiles(settings.transport) }

  /// Runs the attempt; every failure becomes the reply's reason (nothing is thrown past the engine).
  func run() -> AgentReply {
    let found: ContainerListing?
    do throws(LogistError) {
      found = try existing()
    } catch {
      return unreachable(error)
    }
    if let found { return reattach(found) }
    let lost = lostContainer()
    let directory: String
    do throws(LogistError) {
      directory = try runDirectory(run: runName)
      try upload(into: directory)
    } catch {
      return unreachable(error)
    }
    if request.control.reason != nil { return .none("the run was stopped before its container was created") }
    let created: String
    switch create(directory: directory, replacing: lost) {
    case .container(let id): created = id
    case .ended(let reply): return reply
    }
    let note = lost.map {
      "container \($0.id.prefix(12)) of run \($0.run) was gone from \(settings.transport.label) (removed outside "
        + "logist; its log, outputs and GPU time are lost), so this run made a new one"
    }
    var attempt = self
    attempt.note = note
    var reply = attempt.finish(created, directory: directory, start: true)
    reply.container = created
    return reply
  }

  /// The container an interrupted earlier run of this attempt recorded, when `existing()` found none:
  /// someone removed it while no `logist` watched.
  func lostContainer() -> (run: String, id: String)? {
    let manifest = request.manifest
    guard let last = manifest.history.last, last.action == .interrupted, !last.superseded,
      last.phase == manifest.currentPhase, last.attempt == manifest.attempt, let id = last.container,
      let run = last.run
    else { return nil }
    return (run, id)
  }

  /// This attempt's container, left by an earlier `logist`; an error when there are several.
  func existing() throws(LogistError) -> ContainerListing? {
    let labels = [
      ContainerName.Label.job: job, ContainerName.Label.phase: request.manifest.currentPhase,
      ContainerName.Label.attempt: String(request.manifest.attempt),
    ]
    let found = try docker.containers(labels: labels)
    guard found.count <= 1 else {
      let names = found.map(\.name).joined(separator: ", ")
      throw .invalid(
        "attempt \(request.manifest.attempt) of phase \(request.manifest.currentPhase) has \(found.count) containers (\(names)); remove all but one with docker rm"
      )
    }
    return found.first
  }

  /// Picks up a container an earlier run of this attempt created: starts it if it never started,
  /// follows it if it runs, and collects it either way.
  private func reattach(_ found: ContainerListing) -> AgentReply {
    let directory: String
    do throws(LogistError) {
      directory = try runDirectory(run: found.run.isEmpty ? runName : found.run)
      try record(found.id, name: found.name, directory: directory, reattached: found.run)
    } catch {
      return unreachable(error)
    }
    var reply = finish(found.id, directory: directory, start: found.state == "created")
    reply.container = found.id
    return reply
  }

  /// The absolute run directory on the host for run `run` of this job.
  private func runDirectory(run: String) throws(LogistError) -> String {
    try files.absoluteDirectory("\(settings.remoteDir)/\(job)/\(run)")
  }

  /// `docker create`, with the env file uploaded just before it and removed just after (docker reads
  /// it at create); the container is recorded in `container.json` before anything starts it.
  private func create(directory: String, replacing lost: (run: String, id: String)?) -> Created {
    let envFile = settings.env.isEmpty ? nil : directory + ".env"
    defer { if let envFile { try? files.remove(envFile) } }
    let spec = ContainerSpec(
      image: settings.image, command: settings.command, name: ContainerName.forRun(job: job, run: runName),
      labels: ContainerName.labels(
        job: job, run: runName, phase: request.manifest.currentPhase, attempt: request.manifest.attempt),
      hostDirectory: directory, envFile: envFile, gpus: settings.gpus)
    do throws(LogistError) {
      try spec.validate()
      if let envFile { try files.upload(settings.envFile, to: envFile, mode: 0o600) }
      switch try docker.create(spec) {
      case .created(let id):
        try record(id, name: spec.name, directory: directory, reattached: nil, replacing: lost)
        return .container(id)
      case .imageMissing: return .ended(failed(ContainerOutcome.imageMissing(settings.image).reason))
      case .nameInUse(let message):
        return .ended(
          .none("container \(spec.name) exists already on \(settings.transport.label) (\(message)); remove it"))
      case .failed(let message, let code): return .ended(failed("docker create failed (exit \(code)): \(message)"))
      }
    } catch {
      // A create whose answer was lost with the connection may have made the container: look before giving up.
      if error.kind == .transport, let made = try? existing() {
        do throws(LogistError) {
          try record(made.id, name: made.name, directory: directory, reattached: nil, replacing: lost)
          return .container(made.id)
        } catch {}
      }
      return .ended(unreachable(error))
    }
  }

  /// What `create` gives: a container, or the reply that ends the attempt without one.
  private enum Created {
    case container(String)
    case ended(AgentReply)
  }

  private func record(
    _ id: String, name: String, directory: String, reattached: String?, replacing lost: (run: String, id: String)? = nil
  ) throws(LogistError) {
    var record = ContainerRecord(
      id: id, name: name, host: settings.transport.label, image: settings.image, directory: directory,
      createdAt: clock.now())
    record.reattachedFrom = reattached
    record.replacesLost = lost.map { "\($0.run): \($0.id)" }
    try RunArchive.writeJSON(record, name: "container.json", in: request.runDirectory)
  }

  /// No answer: what went wrong on the host, before the container's outcome was known.
  private func unreachable(_ error: LogistError) -> AgentReply {
    .none("render on \(settings.transport.label): \(error.message)")
  }

  func failed(_ reason: String) -> AgentReply {
    .answer(DockerRenderProvider.response(completed: false, summary: reason + noted, evidence: []))
  }

  func short(_ id: String) -> String { String(id.prefix(12)) }
}
