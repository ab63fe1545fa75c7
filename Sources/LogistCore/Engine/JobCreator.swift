import Foundation

/// What `job create` needs.
public struct JobRequest: Sendable {
  /// New job id.
  public var id: String
  /// A template directory (`job.json`, optional `responses.json` and `seed/`).
  public var template: URL?
  /// Goal for a job without a template.
  public var goal: String?
  /// Title (default: the template's, or the goal's first line).
  public var title: String?
  /// A replay script to copy in (`responses.json`).
  public var responses: URL?
  /// Create as a draft.
  public var draft: Bool
  /// The source (`--repo`): a git repository path or URL, or a plain directory; overrides the template's.
  public var repo: String?
  /// The ref to start from (`--ref`).
  public var ref: String?
  /// What a relative `--repo` path is relative to.
  public var workingDirectory: URL
  /// Limits set on the command line, over the template's.
  public var limits = LimitsUpdate()

  /// Makes a request.
  public init(
    id: String, template: URL? = nil, goal: String? = nil, title: String? = nil, responses: URL? = nil,
    draft: Bool = false, repo: String? = nil, ref: String? = nil,
    workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  ) {
    self.id = id
    self.template = template
    self.goal = goal
    self.title = title
    self.responses = responses
    self.draft = draft
    self.repo = repo
    self.ref = ref
    self.workingDirectory = workingDirectory
  }
}

extension Engine {
  /// `job create`: checks everything first, builds the job in a temporary directory, then renames it
  /// into place, so a failed create leaves nothing behind.
  @discardableResult
  public func create(_ request: JobRequest) throws(LogistError) -> Manifest {
    try JobID.validate(request.id)
    let target = store.directory(request.id)
    if FileManager.default.fileExists(atPath: target.path) {
      guard store.exists(request.id) else { throw JobStore.withoutManifest(request.id, target) }
      throw .invalid("job \(request.id) already exists at \(target.path); pick another id")
    }
    let template = try JobCreator.template(for: request)
    let registry = try registry(template: request.template)
    for (index, phase) in template.phases.enumerated() {
      _ = try registry.role(phase.role, for: "phases[\(index)] \(phase.name)")
    }
    let frozen = try FrozenRoles.freeze(
      template.phases.map(\.role), from: registry, template: request.template, at: clock.now())
    var responses: Data?
    let responsesURL = request.responses ?? request.template?.appendingPathComponent("responses.json")
    if let url = responsesURL, FileManager.default.fileExists(atPath: url.path) || request.responses != nil {
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw .invalid("cannot read replay script \(url.path): check the path")
      }
      _ = try ResponseScript.load(data, file: url.path, phases: template.phases)
      responses = data
    }
    let source = try JobCreator.source(for: request, template: template)
    var limits = template.limits
    if !request.limits.isEmpty {
      do throws(LogistError) {
        limits = try request.limits.applied(to: template.limits ?? Limits())
      } catch {
        throw .invalid("cannot create job \(request.id): \(error.message)")
      }
    }
    let now = clock.now()
    var manifest = Manifest(
      schemaVersion: Manifest.currentSchemaVersion, id: request.id, title: template.title, goal: template.goal,
      status: .ready, statusReason: nil, phases: template.phases, currentPhase: "", attempt: 1, attempts: [:],
      feedback: nil, limits: limits, history: [], lease: nil, createdAt: now, updatedAt: now, revision: 1)
    manifest.state = JobState.initial(phases: template.phases, draft: request.draft)
    _ = try JobCreator.check(manifest, directory: target)
    try JobCreator.materialize(id: manifest.id, responses: responses, store: store) { staging throws(LogistError) in
      try frozen.write(in: staging)
      manifest.source = try WorkspaceBuilder.build(source, jobID: manifest.id, in: staging, date: now)
      return try JobCreator.check(manifest, directory: target)
    }
    try record(.created, job: manifest.id, ["status": manifest.status.rawValue, "phase": manifest.currentPhase])
    JobIndex.saved(manifest, in: store)
    return manifest
  }
}

/// The file work behind `job create`.
enum JobCreator {
  /// Refuses a manifest that would not load back (an empty or overlong title, say), so nothing unreadable
  /// is ever written; returns the checked bytes to write.
  static func check(_ manifest: Manifest, directory: URL) throws(LogistError) -> Data {
    let data = try manifest.encoded()
    let file = directory.appendingPathComponent("job.json").path
    do throws(LogistError) {
      _ = try ManifestLoader.load(data, file: file, expectedID: manifest.id)
    } catch {
      throw .invalid(
        "cannot create job \(manifest.id): \(error.message.replacingOccurrences(of: file + ": ", with: ""))")
    }
    return data
  }

  /// The job's source: `--repo`/`--ref`, else the template's `source`, else its `seed/`, else nothing.
  static func source(for request: JobRequest, template: JobTemplate) throws(LogistError) -> ResolvedSource {
    if let repo = request.repo {
      return try SourceResolver.resolve(
        location: repo, ref: request.ref, relativeTo: request.workingDirectory, seed: nil)
    }
    let templateDirectory = request.template ?? request.workingDirectory
    return try SourceResolver.resolve(
      location: template.source?.location, ref: request.ref ?? template.source?.ref, relativeTo: templateDirectory,
      seed: request.template?.appendingPathComponent("seed"))
  }

  static func template(for request: JobRequest) throws(LogistError) -> JobTemplate {
    if let directory = request.template {
      let file = directory.appendingPathComponent("job.json")
      guard let data = FileManager.default.contents(atPath: file.path) else {
        throw .invalid("template \(directory.path) has no readable job.json; --from takes a template directory")
      }
      var template = try ManifestLoader.loadTemplate(data, file: file.path)
      if let title = request.title { template.title = title }
      if let goal = request.goal { template.goal = goal }
      return template
    }
    guard let goal = request.goal else {
      throw LogistError(.usage, "job create needs --from TEMPLATE_DIR or --goal TEXT")
    }
    guard !goal.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw .invalid("--goal must not be empty: say what the job must achieve")
    }
    let firstLine = goal.split(separator: "\n").first.map(String.init) ?? goal
    let title = request.title ?? String(firstLine.prefix(80))
    return JobTemplate(title: title, goal: goal, phases: Phase.defaultStrategy)
  }

  /// Writes the job into a hidden temporary directory and renames it into place; `contents` builds the
  /// workspace in the staging directory and returns the manifest bytes.
  static func materialize(
    id: String, responses: Data?, store: JobStore, contents: (URL) throws(LogistError) -> Data
  ) throws(LogistError) {
    let fm = FileManager.default
    let staging = store.root.appendingPathComponent(".create-\(id)-\(SystemCall.processID())")
    try PrivateFiles.createDirectory(store.root)
    try? fm.removeItem(at: staging)
    try PrivateFiles.createDirectory(staging)
    do throws(LogistError) {
      if let responses { try AtomicFile.write(responses, to: staging.appendingPathComponent("responses.json")) }
      let data = try contents(staging)
      try AtomicFile.write(data, to: staging.appendingPathComponent("job.json"))
      try SystemCall.rename(staging.path, store.directory(id).path)
      try SystemCall.fsyncDirectory(store.root.path)
    } catch {
      try? fm.removeItem(at: staging)
      throw error
    }
  }
}
