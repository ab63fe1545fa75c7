import Foundation

/// The docker engine of a render host, driven through an `SSHTransport`: each method runs one
/// `DockerCLI` command (retried after dropped connections when safe) and parses its result.
public struct DockerHost: Sendable {
  /// The transport to the host.
  public let transport: SSHTransport
  /// The docker CLI there.
  public let cli: DockerCLI
  /// Backoff for dropped connections.
  public let retry: RetryPolicy

  /// The engine on `transport`'s host.
  public init(_ transport: SSHTransport, cli: DockerCLI = DockerCLI(), retry: RetryPolicy = .standard) {
    self.transport = transport
    self.cli = cli
    self.retry = retry
  }

  private var host: String { transport.label }

  /// The engine's version; throws a one-line error when it does not answer.
  public func version() throws(LogistError) -> String {
    try DockerCLI.parseInfo(transport.run(cli.info(), retry: retry), host: host)
  }

  /// Whether `image` is on the host.
  public func hasImage(_ image: String) throws(LogistError) -> Bool {
    try DockerCLI.parseImagePresent(transport.run(cli.imageInspect(image), retry: retry), image: image, host: host)
  }

  /// Creates the container (never retried: see `DockerCLI.create`).
  public func create(_ spec: ContainerSpec) throws(LogistError) -> DockerCLI.CreateResult {
    DockerCLI.parseCreate(try transport.run(cli.create(spec), retry: retry))
  }

  /// Starts the container; whether it ended up starting shows in `state` (a missing command leaves it
  /// `created` with exit code 127), so the result is returned, not judged.
  @discardableResult
  public func start(_ id: String) throws(LogistError) -> CommandResult {
    try transport.run(cli.start(id), retry: retry)
  }

  /// Waits for the container to stop; its exit code. Only for a container that started (a `created`
  /// one without an engine error would be waited for forever).
  public func wait(_ id: String, timeout: Double? = nil, stop: CommandStop? = nil) throws(LogistError) -> Int32 {
    let result = try transport.run(cli.wait(id), timeout: timeout, retry: retry, hooks: CommandHooks(stop: stop))
    return try DockerCLI.parseWait(result, id: id, host: host)
  }

  /// Follows the container's log until it stops (`docker logs --follow`, from the start or, with
  /// `onlyNew`, from now), handing each chunk to `hooks.onOutput`. Not retried: the caller decides.
  public func follow(_ id: String, onlyNew: Bool = false, hooks: CommandHooks) throws(LogistError) -> CommandResult {
    try transport.run(cli.logs(id, follow: true, onlyNew: onlyNew), retry: .never, hooks: hooks)
  }

  /// The container's state; nil when there is no such container.
  public func state(_ id: String) throws(LogistError) -> ContainerState? {
    try DockerCLI.parseState(transport.run(cli.inspectState(id), retry: retry), id: id, host: host)
  }

  /// The container's whole log so far (standard output, standard error).
  public func logs(_ id: String) throws(LogistError) -> CommandResult {
    try transport.run(cli.logs(id), retry: retry)
  }

  /// Stops the container (SIGTERM, SIGKILL after `timeoutSeconds`); false when it was gone already.
  @discardableResult
  public func stop(_ id: String, timeoutSeconds: Int) throws(LogistError) -> Bool {
    let result = try transport.run(cli.stop(id, timeoutSeconds: timeoutSeconds), retry: retry)
    return try DockerCLI.parseDone(result, "stop", id: id, host: host)
  }

  /// Removes the container; false when it was gone already.
  @discardableResult
  public func remove(_ id: String, force: Bool = false) throws(LogistError) -> Bool {
    try DockerCLI.parseDone(transport.run(cli.remove(id, force: force), retry: retry), "rm", id: id, host: host)
  }

  /// The containers carrying every label in `labels` (re-attaching to a run).
  public func containers(labels: [String: String]) throws(LogistError) -> [ContainerListing] {
    try DockerCLI.parseList(transport.run(cli.list(labels: labels), retry: retry), host: host)
  }
}
