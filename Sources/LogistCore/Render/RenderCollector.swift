import Foundation
import Synchronization

/// Brings a finished render container's results home: its complete log into `render.log` (capped at
/// `logLimit` bytes, streamed, never held whole), and every declared output that exists into the
/// workspace and `outputs.json`, each with its SHA-256.
struct RenderCollector {
  let docker: DockerHost
  let files: RemoteFiles
  let outputs: [String]
  let logLimit: Int
  /// What the log is redacted with before it is written.
  let redactor: SecretRedactor

  /// Collects container `id` (mounted on `directory` on the host) into the run archive `runDirectory`
  /// and, when given, the workspace.
  func collect(_ id: String, directory: String, runDirectory: URL, workspace: URL?) throws(LogistError)
    -> [OutputRecord]
  {
    try collectLog(id, into: runDirectory)
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

  /// `docker logs` of the container streamed into a capped `.render.log.tmp` (started over on each
  /// retry), which then replaces `render.log`. Both streams go in as they arrive, without the notices
  /// ssh prints at the start of standard error.
  private func collectLog(_ id: String, into runDirectory: URL) throws(LogistError) {
    let temp = runDirectory.appendingPathComponent(".render.log.tmp")
    let command = docker.cli.logs(id)
    let transport = docker.transport
    let limit = logLimit
    let redactor = self.redactor
    let retry = command.safeToRetry ? docker.retry : .never
    defer { try? FileManager.default.removeItem(at: temp) }
    try retry.perform { () throws(LogistError) in
      let log = CappedLog(url: temp, limit: limit, name: "render.log")
      let redaction = Mutex(redactor.stream())
      defer {
        log.write(redaction.withLock { $0.finish() })
        log.close()
      }
      let start = Mutex(true)
      var hooks = CommandHooks { channel, chunk in
        guard channel == .stderr, start.withLock({ $0 }) else {
          return log.write(redaction.withLock { $0.feed(chunk) })
        }
        let rest = SSHTransport.withoutSharingNotices(chunk)
        if !rest.isEmpty { start.withLock { $0 = false } }
        log.write(redaction.withLock { $0.feed(rest) })
      }
      hooks.keepsOutput = false
      _ = try transport.run(command.argv, hooks: hooks)
    }
    try SystemCall.rename(temp.path, runDirectory.appendingPathComponent("render.log").path)
  }
}
