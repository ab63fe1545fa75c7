import Foundation

/// What `job chat` runs: an interactive agent session in the job's workspace.
public struct ChatInvocation: Sendable, Equatable {
  /// The executable's absolute path.
  public var executable: String
  /// `argv`, the program name first.
  public var arguments: [String]
  /// The environment (the user's minus the role's `denyEnv`, plus `LOGIST_*`).
  public var environment: [String: String]
  /// The workspace.
  public var directory: String
  /// The session resumed, if any.
  public var resumedSession: String?
  /// The provider kind.
  public var kind: String
}

extension Engine {
  /// The interactive session `job chat` hands the terminal to: the current phase's agent in the
  /// workspace (Claude Code resuming the phase's last session when its id is known; `command`
  /// roles run `provider.chatCommand`), inside `bwrap` when the role has `isolation` (the same sandbox
  /// as a phase run, without a prompt or response file). Changes nothing.
  public func chat(_ id: String) throws(LogistError) -> ChatInvocation {
    let job = try inspect(id)
    guard let directory = workspace(of: job)?.directory.path else {
      throw .invalid("job \(id) has no workspace to chat in")
    }
    guard FileManager.default.fileExists(atPath: directory) else {
      throw .invalid(
        "job \(id): the workspace \(directory) is missing: run `logist job run \(id) --recreate-workspace`")
    }
    let frozen = try jobRoles(job, freeze: false)
    let role = try frozen.role(job.phase.role, for: job.phase.name)
    try frozen.verify(role.name, job: job.id)
    let provider = role.role.provider
    let candidate = AgentCandidate(
      config: provider, model: role.role.model,
      roleDirectory: AgentCandidate.roleDirectory(role, key: "provider.chatCommand"),
      fallbackIndex: 0)
    let model = AgentCommandLine.modelArgument(role.role.model)
    let session = job.history.last { $0.phase == job.currentPhase && !$0.superseded && $0.session != nil }?.session
    var arguments: [String]
    var resumed: String?
    switch provider.kind {
    case "claude":
      arguments = ["claude"] + (model.map { ["--model", $0] } ?? [])
      if let session, job.history.last(where: { $0.session == session })?.provider?.hasPrefix("claude") == true {
        arguments += ["--resume", session]
        resumed = session
      }
    case "codex":
      arguments = ["codex"] + (model.map { ["-m", $0] } ?? [])
    case "cline":
      arguments = ["cline"] + (model.map { ["-m", $0] } ?? [])
    case "command":
      guard let chat = provider.chatCommand, !chat.isEmpty else {
        throw .invalid(
          "role \(role.name) (provider command) has no provider.chatCommand: add one to the role to chat with its agent"
        )
      }
      arguments = candidate.resolve(chat)
    default:
      throw .invalid("role \(role.name) is played by \(provider.kind): there is no agent to chat with")
    }
    let environment = AgentEnvironment.build(
      base: self.environment, deny: provider.denyEnv ?? [],
      extra: [
        "LOGIST_JOB_ID": job.id, "LOGIST_PHASE": job.currentPhase, "LOGIST_ROLE": role.name,
        "LOGIST_WORKSPACE": directory,
      ])
    var executable = try ExecutableLocator.resolve(
      arguments[0], searchPath: environment["PATH"], workingDirectory: directory)
    if let isolation = provider.isolation {
      let sandbox = BwrapSandbox(role: role.name, isolation: isolation, environment: environment)
      executable = try sandbox.locate()
      _ = try sandbox.probe(executable)
      arguments = try sandbox.wrap(
        arguments, directory: directory, jobDirectory: store.directory(job.id), workspace: workspace(of: job),
        prompt: nil, response: nil)
    }
    return ChatInvocation(
      executable: executable, arguments: arguments, environment: environment, directory: directory,
      resumedSession: resumed, kind: provider.kind)
  }
}
