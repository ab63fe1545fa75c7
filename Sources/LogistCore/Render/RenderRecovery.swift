import Foundation

/// Deals with a render container whose `logist` is gone (`job cancel` of an interrupted render job).
struct RenderRecovery {
  let settings: RenderSettings

  /// Stops container `id` (SIGTERM, SIGKILL after `stopTimeoutSeconds`), collects its log and outputs
  /// into `runDirectory` (the run that created it, whose `container.json` names its host directory),
  /// and removes it. Nothing to do when it is gone already.
  func stopAndCollect(_ id: String, runDirectory: URL) throws(LogistError) {
    let docker = DockerHost(settings.transport)
    guard try docker.state(id) != nil else { return }
    try docker.stop(id, timeoutSeconds: settings.stopTimeoutSeconds)
    guard let directory = ContainerRecord.read(inRun: runDirectory)?.directory else {
      throw .invalid("\(runDirectory.appendingPathComponent("container.json").path) is missing or unreadable")
    }
    let collector = RenderCollector(
      docker: docker, files: RemoteFiles(settings.transport), outputs: settings.outputs,
      logLimit: settings.logLimitBytes, redactor: settings.redactor)
    _ = try collector.collect(id, directory: directory, runDirectory: runDirectory, workspace: nil)
    try docker.remove(id, force: true)
  }
}
