import Foundation

extension RenderAttempt {
  /// Uploads the role's inputs from the workspace into `directory` on the host, verified by SHA-256.
  func upload(into directory: String) throws(LogistError) {
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
  func collect(_ id: String, directory: String) throws(LogistError) -> [OutputRecord] {
    try RenderCollector(
      docker: docker, files: files, outputs: settings.outputs, logLimit: settings.logLimitBytes,
      redactor: settings.redactor
    )
    .collect(id, directory: directory, runDirectory: request.runDirectory, workspace: request.workspace)
  }
}
