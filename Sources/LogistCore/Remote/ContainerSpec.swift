/// What `docker create` makes for one attempt of a render phase.
public struct ContainerSpec: Sendable, Equatable {
  /// GPUs handed to the container.
  public enum GPUs: Sendable, Equatable {
    /// Every GPU (`--gpus all`).
    case all
    /// These devices, by index or UUID (`--gpus '"device=0,1"'`).
    case devices([String])
  }

  /// The image, already on the host (`--pull never`: a missing image is reported, not fetched).
  public var image: String
  /// The command run in the container, as an argv.
  public var command: [String]
  /// The container name (`ContainerName.forRun`).
  public var name: String
  /// Labels (`ContainerName.labels`).
  public var labels: [String: String]
  /// The attempt's run directory on the host, bind-mounted as the container's working directory.
  public var hostDirectory: String
  /// Where the run directory appears in the container, and its working directory.
  public var workingDirectory: String
  /// An env file on the host (mode 0600) with the container's variables, secrets included.
  public var envFile: String?
  /// GPUs, or nil for none.
  public var gpus: GPUs?
  /// Whether the container gets no network at all.
  public var networkNone: Bool

  /// A spec; by default without env file, GPUs or `--network none`, working in `/logist/run`.
  public init(
    image: String, command: [String], name: String, labels: [String: String], hostDirectory: String,
    workingDirectory: String = "/logist/run", envFile: String? = nil, gpus: GPUs? = nil, networkNone: Bool = false
  ) {
    self.image = image
    self.command = command
    self.name = name
    self.labels = labels
    self.hostDirectory = hostDirectory
    self.workingDirectory = workingDirectory
    self.envFile = envFile
    self.gpus = gpus
    self.networkNone = networkNone
  }

  /// Throws unless docker can take the spec as it is; the message names the field.
  public func validate() throws(LogistError) {
    if image.isEmpty || image.hasPrefix("-") { throw .invalid("docker image \"\(image)\" is not an image name") }
    if command.isEmpty { throw .invalid("docker command for image \(image) is empty: give the argv to run") }
    if !ContainerName.isValid(name) {
      throw .invalid("container name \"\(name)\" is not valid for docker: use [a-zA-Z0-9][a-zA-Z0-9_.-]+")
    }
    for (field, path) in [("run directory", hostDirectory), ("working directory", workingDirectory)] {
      if path.isEmpty || path.contains(",") || path.contains("\n") || path.contains("\"") {
        throw .invalid(
          "\(field) \"\(path)\" cannot be bind-mounted by docker: use a path without ',', '\"' or newlines")
      }
    }
    for (field, path) in [("run directory", hostDirectory), ("working directory", workingDirectory)]
    where !path.hasPrefix("/") {
      throw .invalid("\(field) \"\(path)\" must be an absolute path for docker's bind mount")
    }
    if case .devices(let list) = gpus, list.isEmpty || list.contains(where: { $0.isEmpty || $0.contains(",") }) {
      throw .invalid("gpus device list \(list) is not valid: give device indexes or UUIDs, or \"all\"")
    }
  }
}
