import Foundation

/// One way to play a phase: the role's provider, or one of its fallbacks, with its model.
public struct AgentCandidate: Sendable, Equatable {
  /// The kinds that run a real process.
  public static let liveKinds: Set<String> = ["command", "claude", "codex", "cline"]

  /// Provider settings.
  public var config: ProviderConfig
  /// Model name (`none` lets the CLI choose).
  public var model: String
  /// The directory relative `./` and `../` command paths start from (the role file's), if any.
  public var roleDirectory: String?
  /// 0 for the role's own provider, N for its N-th fallback.
  public var fallbackIndex: Int

  /// `claude`, `codex/gpt-5`, `command`: what the history records as the provider that answered.
  public var label: String {
    config.kind == "command" || model == "none" ? config.kind : "\(config.kind)/\(model)"
  }

  /// The role's provider followed by its fallbacks.
  public static func all(for role: ResolvedRole) -> [AgentCandidate] {
    let provider = role.role.provider
    let directory = roleDirectory(role, key: "provider.command")
    var list = [AgentCandidate(config: provider, model: role.role.model, roleDirectory: directory, fallbackIndex: 0)]
    for (index, entry) in (provider.fallback ?? []).enumerated() {
      let own = entry.kind != nil && entry.kind != provider.kind
      list.append(
        AgentCandidate(
          config: entry.config(over: provider), model: entry.model ?? role.role.model,
          roleDirectory: own || entry.command != nil ? roleDirectory(role, key: "provider.fallback") : directory,
          fallbackIndex: index + 1))
    }
    return list
  }

  /// The directory of the role file that set `key`, when a file (not the built-in roles) set it.
  static func roleDirectory(_ role: ResolvedRole, key: String) -> String? {
    guard let source = role.sources[key], source != "built-in" else { return nil }
    return URL(fileURLWithPath: source).deletingLastPathComponent().path
  }

  /// The command line and standard input for `prompt`.
  public func invocation(prompt: String) -> AgentInvocation {
    switch config.kind {
    case "claude": return AgentCommandLine.claude(config, model: model, prompt: prompt)
    case "codex": return AgentCommandLine.codex(config, model: model, prompt: prompt)
    case "cline": return AgentCommandLine.cline(config, model: model, prompt: prompt)
    default:
      return AgentInvocation(arguments: resolve(config.command ?? []), standardInput: Data(prompt.utf8))
    }
  }

  /// `argv` with a `./x` or `../x` executable made absolute against the role file's directory.
  public func resolve(_ argv: [String]) -> [String] {
    guard let first = argv.first, first.hasPrefix("./") || first.hasPrefix("../"), let roleDirectory else {
      return argv
    }
    let path = URL(fileURLWithPath: first, relativeTo: URL(fileURLWithPath: roleDirectory, isDirectory: true))
    return [path.standardizedFileURL.path] + argv.dropFirst()
  }

  /// A fresh parser for this provider's output.
  public func parser() -> any AgentOutputParser {
    switch config.kind {
    case "claude": return ClaudeStreamParser(maxTurns: config.maxTurns)
    case "codex": return CodexParser(model: AgentCommandLine.modelArgument(model))
    case "cline": return ClineParser()
    default: return CommandOutputParser()
    }
  }
}
