import Foundation

/// `provider.isolation`: the agent run under `bwrap` (``BwrapSandbox``).
extension LiveProvider {
  /// The sandbox `candidate` runs in, if its role asks for one.
  func sandbox(_ candidate: AgentCandidate, environment: [String: String]) -> BwrapSandbox? {
    guard let isolation = candidate.config.isolation else { return nil }
    return BwrapSandbox(role: role.name, isolation: isolation, environment: environment)
  }

  /// Before the phase: `bwrap` is there and works, and the writable paths exist.
  func prepareIsolation(_ candidate: AgentCandidate, jobDirectory: URL) throws(LogistError) {
    let agentEnvironment = AgentEnvironment.build(
      base: environment, deny: candidate.config.denyEnv ?? [], extra: [:])
    guard let sandbox = sandbox(candidate, environment: agentEnvironment) else { return }
    _ = try sandbox.probe(try sandbox.locate())
    _ = try sandbox.writablePaths(jobDirectory: BwrapSandbox.realPath(jobDirectory.path))
  }

  /// `spec`'s command line, wrapped in `bwrap` when the role asks for isolation; creates the (empty)
  /// response file the sandbox binds writable.
  func isolated(
    _ spec: ProcessSpec, _ candidate: AgentCandidate, _ request: AgentRequest, responseFile: URL
  ) throws(LogistError) -> [String] {
    guard let sandbox = sandbox(candidate, environment: spec.environment) else { return spec.arguments }
    return try sandbox.wrap(
      spec.arguments, directory: spec.workingDirectory, jobDirectory: request.jobDirectory,
      workspace: request.workspace.map { _ in Workspace(jobDirectory: request.jobDirectory, jobID: request.manifest.id)
      },
      prompt: request.runDirectory.appendingPathComponent("prompt.md"), response: responseFile)
  }

  /// Removes the response file the sandbox created when the agent left it empty, so the run directory
  /// holds a `response.json` only when there was a response.
  func discardEmptyResponseFile(_ file: URL) {
    let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
    if size == 0 { try? FileManager.default.removeItem(at: file) }
  }
}
