import Foundation

/// `logist role check NAME`: whether a role could play a phase now, one line per thing it needs.
///
/// A docker role: ssh reachable and authenticated (hosts other than `local`), docker answering, the
/// image present, GPUs visible (when `gpus` is set). A live agent role: its executable (and each
/// fallback's) found on PATH; with `isolation`, `bwrap` found and able to make a sandbox here, and the
/// writable paths present. A replay role needs nothing.
public struct RoleCheck: Sendable {
  /// One checked item.
  public struct Line: Sendable, Equatable, Encodable {
    /// What was checked (`ssh`, `docker`, `image`, `gpus`, `executable`, `bwrap`, `writable`).
    public var item: String
    /// Whether it is fine; nil when it was not checked (an earlier check failed).
    public var ok: Bool?
    /// What was found, or what to do.
    public var detail: String
  }

  /// The role.
  public let role: ResolvedRole
  /// The environment live agents start from (for PATH).
  public let environment: [String: String]

  /// A check of `role`.
  public init(_ role: ResolvedRole, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.role = role
    self.environment = environment
  }

  /// Runs every check (over ssh and docker for a docker role: seconds, not minutes).
  public func run() throws(LogistError) -> [Line] {
    let provider = role.role.provider
    switch provider.kind {
    case "docker": return try docker(RenderSettings(provider, role: role.name))
    case "replay":
      return [Line(item: "replay", ok: true, detail: "nothing to check: answers come from the job's responses.json")]
    default:
      return executables() + isolation()
    }
  }

  /// A live agent role: each candidate's executable on PATH.
  private func executables() -> [Line] {
    AgentCandidate.all(for: role).map { candidate in
      let program = candidate.invocation(prompt: "").arguments.first ?? ""
      let path = AgentEnvironment.build(base: environment, deny: candidate.config.denyEnv ?? [], extra: [:])["PATH"]
      do throws(LogistError) {
        let found = try ExecutableLocator.resolve(
          program, searchPath: path, workingDirectory: FileManager.default.currentDirectoryPath)
        return Line(item: "executable", ok: true, detail: "\(candidate.label): \(found)")
      } catch {
        return Line(item: "executable", ok: false, detail: "\(candidate.label): \(error.message)")
      }
    }
  }

  /// A role with `isolation`: `bwrap` present and working here, the writable paths there.
  private func isolation() -> [Line] {
    let provider = role.role.provider
    guard let isolation = provider.isolation else { return [] }
    let agentEnvironment = AgentEnvironment.build(base: environment, deny: provider.denyEnv ?? [], extra: [:])
    let sandbox = BwrapSandbox(role: role.name, isolation: isolation, environment: agentEnvironment)
    var lines: [Line] = []
    do throws(LogistError) {
      let bwrap = try sandbox.locate()
      let version = try sandbox.probe(bwrap)
      let network = isolation.allowsNetwork ? "" : ", no network"
      lines.append(
        Line(
          item: "bwrap", ok: true,
          detail: "\(version) at \(bwrap) works here (own pid namespace, read-only root, private /tmp\(network))"))
    } catch {
      lines.append(Line(item: "bwrap", ok: false, detail: error.message))
    }
    guard let writable = isolation.writable, !writable.isEmpty else { return lines }
    do throws(LogistError) {
      let paths = try sandbox.writablePaths(jobDirectory: nil)
      lines.append(Line(item: "writable", ok: true, detail: paths.joined(separator: ", ")))
    } catch {
      lines.append(Line(item: "writable", ok: false, detail: error.message))
    }
    return lines
  }

  private func docker(_ settings: RenderSettings) -> [Line] {
    let transport = settings.transport
    var lines: [Line] = []
    if case .ssh(let options) = transport.host {
      do throws(LogistError) {
        _ = try transport.run(["true"], timeout: 30)
        lines.append(Line(item: "ssh", ok: true, detail: "\(options.label): reachable and authenticated"))
      } catch {
        lines.append(Line(item: "ssh", ok: false, detail: error.message))
        return lines + skipped(settings, after: "ssh")
      }
    } else {
      lines.append(Line(item: "ssh", ok: true, detail: "not used: host is local"))
    }
    let docker = DockerHost(transport, retry: .never)
    do throws(LogistError) {
      let version = try docker.version()
      lines.append(Line(item: "docker", ok: true, detail: "engine \(version) answers on \(transport.label)"))
    } catch {
      lines.append(Line(item: "docker", ok: false, detail: error.message))
      return lines + skipped(settings, after: "docker")
    }
    do throws(LogistError) {
      let present = try docker.hasImage(settings.image)
      lines.append(
        Line(
          item: "image", ok: present,
          detail: present
            ? "\(settings.image) is present" : "\(settings.image) is missing: docker pull or load it there"))
    } catch {
      lines.append(Line(item: "image", ok: false, detail: error.message))
    }
    if let gpus = settings.gpus { lines.append(gpuLine(gpus, transport: transport)) }
    return lines
  }

  /// `nvidia-smi -L` on the host: the GPUs its driver sees.
  private func gpuLine(_ gpus: ContainerSpec.GPUs, transport: SSHTransport) -> Line {
    let result: CommandResult
    do throws(LogistError) {
      result = try transport.run(["nvidia-smi", "-L"], timeout: 30)
    } catch  where error.kind == .transport {
      return Line(item: "gpus", ok: false, detail: error.message)
    } catch {
      return Line(
        item: "gpus", ok: false,
        detail: "no GPU visible on \(transport.label): nvidia-smi is not installed; \(Self.gpuAdvice)")
    }
    let listed = result.output.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("GPU ") }
    guard result.exitCode == 0, !listed.isEmpty else {
      let why = result.errorLine.isEmpty ? "exit \(result.exitCode)" : result.errorLine
      return Line(
        item: "gpus", ok: false,
        detail: "no GPU visible on \(transport.label) (nvidia-smi -L: \(why)); \(Self.gpuAdvice)")
    }
    if case .devices(let wanted) = gpus {
      let indices = Set(listed.compactMap { $0.dropFirst(4).split(separator: ":").first.map(String.init) })
      let missing = wanted.filter { device in !indices.contains(device) && !listed.contains { $0.contains(device) } }
      if !missing.isEmpty {
        return Line(
          item: "gpus", ok: false,
          detail: "device \(missing.joined(separator: ", ")) not among the \(listed.count) GPU(s) on \(transport.label)"
        )
      }
    }
    return Line(item: "gpus", ok: true, detail: "\(listed.count) GPU(s) visible on \(transport.label)")
  }

  private static let gpuAdvice = "install the NVIDIA driver and container toolkit there, or remove gpus from the role"

  private func skipped(_ settings: RenderSettings, after failed: String) -> [Line] {
    var items = ["docker", "image"]
    if settings.gpus != nil { items.append("gpus") }
    if let index = items.firstIndex(of: failed) { items.removeSubrange(...index) }
    return items.map { Line(item: $0, ok: nil, detail: "not checked: \(failed) failed") }
  }
}
