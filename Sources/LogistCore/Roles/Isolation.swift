/// `provider.isolation`: the sandbox a live agent runs in (`{"kind": "bwrap", "network": true,
/// "writable": ["~/.claude"]}`). The whole filesystem is read-only to the agent except the workspace,
/// the run's response file, a private `/tmp` and the `writable` paths; the job directory's other files
/// are hidden; the agent and everything it starts end with the run.
public struct Isolation: Codable, Sendable, Equatable {
  /// The sandbox: `bwrap` (bubblewrap), the only kind so far.
  public var kind: String
  /// Whether the agent may use the network (default true: agent CLIs call their API); false adds
  /// `--unshare-net`, leaving only a loopback interface.
  public var network: Bool?
  /// Paths the agent may write besides the workspace (an agent CLI's own state directory): absolute, or
  /// `~/…` against the agent's `HOME`. Each must exist when the phase starts.
  public var writable: [String]?

  /// An isolation of `kind` with the defaults.
  public init(kind: String, network: Bool? = nil, writable: [String]? = nil) {
    self.kind = kind
    self.network = network
    self.writable = writable
  }

  /// Whether the agent keeps the network.
  public var allowsNetwork: Bool { network ?? true }
}
