/// Argvs of the docker CLI on a render host, one per lifecycle step; run them with `SSHTransport`.
/// The docker CLI is used as the host's environment configures it (`DOCKER_HOST` included).
public struct DockerCLI: Sendable {
  /// The program (`docker`).
  public let program: String

  /// The CLI `program`, `docker` by default.
  public init(program: String = "docker") { self.program = program }

  /// `docker create` for `spec`, without `--rm` (the exit code and logs must outlive the container's
  /// end) and with `--pull never`. Not safe to retry blindly: after a dropped connection, look for the
  /// container by name or label first (a second create fails with a name conflict).
  public func create(_ spec: ContainerSpec) throws(LogistError) -> RemoteCommand {
    try spec.validate()
    var argv = [program, "create", "--pull", "never", "--name", spec.name]
    for (key, value) in spec.labels.sorted(by: { $0.key < $1.key }) { argv += ["--label", "\(key)=\(value)"] }
    argv += ["--mount", "type=bind,source=\(spec.hostDirectory),target=\(spec.workingDirectory)"]
    argv += ["--workdir", spec.workingDirectory]
    if let envFile = spec.envFile { argv += ["--env-file", envFile] }
    switch spec.gpus {
    case .all: argv += ["--gpus", "all"]
    case .devices(let list): argv += ["--gpus", "\"device=\(list.joined(separator: ","))\""]
    case nil: break
    }
    if spec.networkNone { argv += ["--network", "none"] }
    return RemoteCommand(argv + ["--", spec.image] + spec.command, safeToRetry: false)
  }

  /// `docker start ID` (starting a running or finished container again is harmless to retry: it only
  /// fails or does nothing).
  public func start(_ id: String) -> RemoteCommand { RemoteCommand([program, "start", id], safeToRetry: true) }

  /// `docker logs [--follow] [--tail 0] ID`: the container's standard output and error, on the same
  /// streams (with `onlyNew`, only what it prints from now on).
  public func logs(_ id: String, follow: Bool = false, onlyNew: Bool = false) -> RemoteCommand {
    let options = (follow ? ["--follow"] : []) + (onlyNew ? ["--tail", "0"] : [])
    return RemoteCommand([program, "logs"] + options + [id], safeToRetry: true)
  }

  /// `docker wait ID`: prints the exit code once the container has stopped.
  public func wait(_ id: String) -> RemoteCommand { RemoteCommand([program, "wait", id], safeToRetry: true) }

  /// `docker inspect` of a container's state as JSON (`ContainerState`).
  public func inspectState(_ id: String) -> RemoteCommand {
    RemoteCommand([program, "inspect", "--type", "container", "--format", "{{json .State}}", id], safeToRetry: true)
  }

  /// `docker stop -t SECONDS ID`: SIGTERM, then SIGKILL after `seconds`.
  public func stop(_ id: String, timeoutSeconds seconds: Int) -> RemoteCommand {
    RemoteCommand([program, "stop", "-t", String(seconds), id], safeToRetry: true)
  }

  /// `docker rm -v ID` (`-f` also removes a running container).
  public func remove(_ id: String, force: Bool = false) -> RemoteCommand {
    RemoteCommand([program, "rm", "-v"] + (force ? ["-f"] : []) + [id], safeToRetry: true)
  }

  /// `docker ps -a` of the containers carrying every label in `labels`, one `ContainerListing` a line.
  public func list(labels: [String: String]) -> RemoteCommand {
    var argv = [program, "ps", "-a", "--no-trunc"]
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) { argv += ["--filter", "label=\(key)=\(value)"] }
    let format = #"{{.ID}}\t{{.Names}}\t{{.State}}\t{{.Label "logist.attempt"}}\t{{.Label "logist.run"}}"#
    return RemoteCommand(argv + ["--format", format], safeToRetry: true)
  }

  /// `docker image inspect IMAGE`: exit 0 when the image is on the host.
  public func imageInspect(_ image: String) -> RemoteCommand {
    RemoteCommand([program, "image", "inspect", "--format", "{{.Id}}", "--", image], safeToRetry: true)
  }

  /// `docker info`: the engine's version when it answers.
  public func info() -> RemoteCommand {
    RemoteCommand([program, "info", "--format", "{{.ServerVersion}}"], safeToRetry: true)
  }
}
