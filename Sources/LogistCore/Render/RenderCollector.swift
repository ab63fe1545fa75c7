import Foundation

/// Brings a finished render container's results home: its complete log into `render.log`, and every
/// declared output that exists into the workspace and `outputs.json`, each with its SHA-256.
struct RenderCollector {
  let docker: DockerHost
  let files: RemoteFiles
  let outputs: [String]
  /// What the log is redacted with before it is written.
  let redactor: SecretRedactor

  /// Collects container `id` (mounted on `directory` on the host) into the run archive `runDirectory`
  /// and, when given, the workspace.
  func collect(_ id: String, directory: String, runDirectory: URL, workspace: URL?) throws(LogistError)
    -> [OutputRecord]
  {
    let log = try docker.logs(id)
    try RunArchive.write(redactor.redact(log.stdout + log.stderr), name: "render.log", in: runDirectory)
    var records: [OutputRecord] = []
    for output in outputs {
      guard let data = try files.download("\(directory)/\(output)") else { continue }
      if let workspace {
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
    try RunArchive.writeJSON(records, name: "outputs.json", in: runDirectory)
    return records
  }
}
