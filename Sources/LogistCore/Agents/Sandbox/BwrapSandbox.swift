import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A role's `isolation` made concrete for one agent: `bwrap` found on the agent's `PATH` and tried,
/// the `writable` paths expanded (`~` against the agent's `HOME`) and checked, and the command line
/// that runs the agent inside (``BwrapCommand``).
public struct BwrapSandbox: Sendable {
  /// What to run where `bwrap` is missing.
  public static let installLine = "apt-get install bubblewrap"

  /// The role, for messages.
  public let role: String
  /// The role's setting.
  public let isolation: Isolation
  /// The agent's environment (after `denyEnv`): its `PATH` finds `bwrap`, its `HOME` expands `~`.
  public let environment: [String: String]

  /// A sandbox for role `role`.
  public init(role: String, isolation: Isolation, environment: [String: String]) {
    self.role = role
    self.isolation = isolation
    self.environment = environment
  }

  /// The absolute path of `bwrap` on the agent's `PATH`.
  /// - Throws: when it is missing, with the line that installs it.
  public func locate() throws(LogistError) -> String {
    let path = environment["PATH"] ?? ExecutableLocator.defaultSearchPath
    do throws(LogistError) {
      return try ExecutableLocator.resolve("bwrap", searchPath: path, workingDirectory: "/")
    } catch {
      throw .invalid(
        "role \(role): provider.isolation asks for bwrap, but bwrap is not on PATH (\(path)): "
          + "install it (`\(Self.installLine)`) or remove provider.isolation from the role")
    }
  }

  /// Runs `/bin/sh -c 'exit 0'` under the sandbox's base options: whether `bwrap` works here.
  /// - Returns: `bwrap --version` (`bubblewrap 0.8.0`).
  /// - Throws: with bwrap's own complaint when it cannot make the sandbox.
  public func probe(_ bwrap: String) throws(LogistError) -> String {
    let executor = SpawnCommandExecutor()
    let options = BwrapCommand.baseOptions(network: isolation.allowsNetwork)
    let tried = try executor.run([bwrap] + options + ["--", "/bin/sh", "-c", "exit 0"], stdin: nil, timeout: 20)
    guard tried.exitCode == 0 else {
      let why = tried.errorLine.isEmpty ? "exit \(tried.exitCode)" : tried.errorLine
      throw .invalid(
        "role \(role): \(bwrap) cannot make a sandbox here (\(why)): it needs user namespaces "
          + "(root, or unprivileged user namespaces enabled); fix that or remove provider.isolation from the role")
    }
    let version = try? executor.run([bwrap, "--version"], stdin: nil, timeout: 20).output
    return version?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "bwrap"
  }

  /// The `writable` paths, `~` expanded and symlinks resolved.
  /// - Throws: for a relative path, `/`, a path that does not exist, or one inside the job directory.
  public func writablePaths(jobDirectory: String?) throws(LogistError) -> [String] {
    var paths: [String] = []
    for entry in isolation.writable ?? [] {
      var path = entry
      if entry == "~" || entry.hasPrefix("~/") {
        guard let home = environment["HOME"], home.hasPrefix("/") else {
          throw .invalid("role \(role): provider.isolation.writable \(entry) needs HOME, which the agent does not get")
        }
        path = home + entry.dropFirst()
      }
      guard path.hasPrefix("/") else {
        throw .invalid(
          "role \(role): provider.isolation.writable \(entry) is relative: give an absolute path or one starting with ~/"
        )
      }
      guard FileManager.default.fileExists(atPath: path) else {
        throw .invalid(
          "role \(role): provider.isolation.writable \(entry) (\(path)) does not exist: create it, or remove it from the role"
        )
      }
      let real = Self.realPath(path)
      if real == "/" {
        throw .invalid("role \(role): provider.isolation.writable \(entry) is the root: that is no sandbox at all")
      }
      if let jobDirectory, real == jobDirectory || real.hasPrefix(jobDirectory + "/") {
        throw .invalid(
          "role \(role): provider.isolation.writable \(entry) is inside the job directory, which stays hidden: remove it"
        )
      }
      paths.append(real)
    }
    return paths
  }

  /// `argv` wrapped in `bwrap`, to start in `directory`, with `jobDirectory` hidden but for the
  /// workspace, its git directory (read-only) and the `files` of the run: the prompt (read-only) and the
  /// response (writable, created empty when missing so it can be bound).
  public func wrap(
    _ argv: [String], directory: String, jobDirectory: URL?, workspace: Workspace?, prompt: URL?, response: URL?
  ) throws(LogistError) -> [String] {
    let bwrap = try locate()
    let job = jobDirectory.map { Self.realPath($0.path) }
    var command = BwrapCommand(bwrap: bwrap, directory: Self.realPath(directory))
    command.network = isolation.allowsNetwork
    command.writable = try writablePaths(jobDirectory: job)
    command.jobDirectory = job
    if let program = argv.first {
      let found = try ExecutableLocator.resolve(program, searchPath: environment["PATH"], workingDirectory: directory)
      let folder = Self.realPath(URL(fileURLWithPath: found).deletingLastPathComponent().path)
      // Only the private /tmp hides it; binding `/` or `/tmp` itself would undo the sandbox.
      if folder.hasPrefix("/tmp/") { command.executableDirectory = folder }
    }
    if let workspace {
      command.workspace = Self.realPath(workspace.directory.path)
      if FileManager.default.fileExists(atPath: workspace.gitDirectory.path) {
        command.gitDirectory = Self.realPath(workspace.gitDirectory.path)
      }
    }
    if let prompt { command.readableFiles = [Self.realPath(prompt.path)] }
    if let response {
      if !FileManager.default.fileExists(atPath: response.path) {
        guard FileManager.default.createFile(atPath: response.path, contents: Data()) else {
          throw LogistError(.system, "cannot create \(response.path) for the sandboxed agent to write")
        }
      }
      command.writableFiles = [Self.realPath(response.path)]
    }
    return command.arguments(wrapping: argv)
  }

  /// `path` with symlinks resolved (itself when it cannot be).
  static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
