/// The `bwrap` command line that runs an agent in its sandbox: a pure function of the paths involved.
///
/// The order of the mounts matters (a later mount covers an earlier one): the root read-only, a fresh
/// `/dev` and `/proc`, a private `/tmp`, the executable's directory read-only (it may live under `/tmp`),
/// the `writable` paths, then an empty tmpfs over the job directory (so it stays hidden even inside a
/// writable path), the workspace's git directory read-only, the workspace, the prompt file read-only
/// and the response file writable, and last the job directory's tmpfs made read-only.
public struct BwrapCommand: Sendable, Equatable {
  /// The `bwrap` executable (absolute).
  public var bwrap: String
  /// Whether the agent keeps the network (false: `--unshare-net`).
  public var network = true
  /// The agent's executable's directory when it lies under `/tmp` (which the sandbox makes private),
  /// bound back read-only.
  public var executableDirectory: String?
  /// Paths the agent may write besides the workspace and the response file.
  public var writable: [String] = []
  /// The job directory, hidden but for what is bound back into it.
  public var jobDirectory: String?
  /// The workspace's git directory, bound read-only when present.
  public var gitDirectory: String?
  /// The workspace, writable.
  public var workspace: String?
  /// Files bound read-only after the job directory is hidden (the prompt file).
  public var readableFiles: [String] = []
  /// Files bound writable after the job directory is hidden (the response file; it must exist).
  public var writableFiles: [String] = []
  /// Where the agent starts.
  public var directory: String

  /// A command for `bwrap` that starts the agent in `directory`.
  public init(bwrap: String, directory: String) {
    self.bwrap = bwrap
    self.directory = directory
  }

  /// The options every sandbox starts with (also what `role check` tries): the agent and all it starts
  /// die with the sandbox, the root is read-only, `/tmp` is private.
  public static func baseOptions(network: Bool) -> [String] {
    ["--die-with-parent", "--unshare-pid"] + (network ? [] : ["--unshare-net"])
      + ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
  }

  /// `argv` wrapped: `bwrap OPTIONS… -- argv…`.
  public func arguments(wrapping argv: [String]) -> [String] {
    var options = [bwrap] + Self.baseOptions(network: network)
    if let executableDirectory { options += ["--ro-bind", executableDirectory, executableDirectory] }
    for path in writable { options += ["--bind", path, path] }
    if let jobDirectory { options += ["--tmpfs", jobDirectory] }
    if let gitDirectory { options += ["--ro-bind", gitDirectory, gitDirectory] }
    if let workspace { options += ["--bind", workspace, workspace] }
    for file in readableFiles { options += ["--ro-bind-try", file, file] }
    for file in writableFiles { options += ["--bind", file, file] }
    if let jobDirectory { options += ["--remount-ro", jobDirectory] }
    return options + ["--chdir", directory, "--"] + argv
  }
}
