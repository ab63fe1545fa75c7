import Foundation

extension DockerCLI {
  /// What `docker create` did.
  public enum CreateResult: Sendable, Equatable {
    /// Created the container with this id.
    case created(id: String)
    /// A container with this name exists already (this attempt was created before): the message.
    case nameInUse(String)
    /// The image is not on the host: the message.
    case imageMissing(String)
    /// Anything else: the message and exit code.
    case failed(String, exitCode: Int32)
  }

  /// Reads `docker create`'s result.
  public static func parseCreate(_ result: CommandResult) -> CreateResult {
    let line = result.errorLine
    if result.exitCode == 0, let id = lastLine(result), isContainerID(id) { return .created(id: id) }
    if line.contains("No such image") || line.contains("Unable to find image") { return .imageMissing(line) }
    if line.contains("is already in use") || line.contains("Conflict.") { return .nameInUse(line) }
    return .failed(line.isEmpty ? "no container id printed" : line, exitCode: result.exitCode)
  }

  /// Reads `docker wait`'s exit code; `host` names the host in errors.
  public static func parseWait(_ result: CommandResult, id: String, host: String) throws(LogistError) -> Int32 {
    guard result.exitCode == 0, let line = lastLine(result), let code = Int32(line) else {
      throw LogistError(.system, "docker wait \(short(id)) on \(host) failed: \(describe(result))")
    }
    return code
  }

  /// Reads `docker inspect`'s state; nil when there is no such container.
  public static func parseState(_ result: CommandResult, id: String, host: String) throws(LogistError)
    -> ContainerState?
  {
    if result.exitCode != 0 && isNoSuchContainer(result) { return nil }
    guard result.exitCode == 0, let line = lastLine(result),
      let state = try? JSONDecoder().decode(ContainerState.self, from: Data(line.utf8))
    else {
      throw LogistError(.system, "docker inspect \(short(id)) on \(host) failed: \(describe(result))")
    }
    return state
  }

  /// Reads `docker ps`'s listing.
  public static func parseList(_ result: CommandResult, host: String) throws(LogistError) -> [ContainerListing] {
    guard result.exitCode == 0 else { throw LogistError(.system, "docker ps on \(host) failed: \(describe(result))") }
    return result.output.split(whereSeparator: \.isNewline).compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 3 else { return nil }
      return ContainerListing(
        id: fields[0], name: fields[1], state: fields[2], attempt: fields.count > 3 ? fields[3] : "",
        run: fields.count > 4 ? fields[4] : "")
    }
  }

  /// Reads `docker image inspect`: whether the image is on the host.
  public static func parseImagePresent(_ result: CommandResult, image: String, host: String) throws(LogistError)
    -> Bool
  {
    if result.exitCode == 0 { return true }
    if result.errorLine.contains("No such image") { return false }
    throw LogistError(.system, "docker image inspect \(image) on \(host) failed: \(describe(result))")
  }

  /// Reads `docker info`: the engine's version.
  public static func parseInfo(_ result: CommandResult, host: String) throws(LogistError) -> String {
    guard result.exitCode == 0, let version = lastLine(result), !version.isEmpty else {
      throw LogistError(
        .system, "docker on \(host) does not answer: \(describe(result)); start the engine or set DOCKER_HOST there")
    }
    return version
  }

  /// Reads `docker stop` or `docker rm`: false when there was no such container (gone already).
  public static func parseDone(_ result: CommandResult, _ what: String, id: String, host: String)
    throws(LogistError) -> Bool
  {
    if result.exitCode == 0 { return true }
    if isNoSuchContainer(result) { return false }
    throw LogistError(.system, "docker \(what) \(short(id)) on \(host) failed: \(describe(result))")
  }

  /// Whether `text` looks like a container id (hex, 12 to 64 digits).
  public static func isContainerID(_ text: String) -> Bool {
    (12...64).contains(text.utf8.count) && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }

  static func isNoSuchContainer(_ result: CommandResult) -> Bool {
    let text = String(decoding: result.stderr, as: UTF8.self)
    return text.contains("No such container") || text.contains("No such object")
  }

  static func lastLine(_ result: CommandResult) -> String? {
    result.output.split(whereSeparator: \.isNewline).last.map { $0.trimmingCharacters(in: .whitespaces) }
  }

  static func short(_ id: String) -> String { String(id.prefix(12)) }

  static func describe(_ result: CommandResult) -> String {
    let line = result.errorLine
    return line.isEmpty ? "exit \(result.exitCode)" : "\(line) (exit \(result.exitCode))"
  }
}
