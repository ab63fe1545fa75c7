import Foundation

/// The argument vector and standard input that run one agent CLI headlessly.
public struct AgentInvocation: Sendable, Equatable {
  /// `argv`, the executable name first (looked up on PATH).
  public var arguments: [String]
  /// The prompt when the CLI reads it from standard input; nil when it is an argument.
  public var standardInput: Data?
}

/// Builds the real command lines of the supported agent CLIs from a role's provider settings.
public enum AgentCommandLine {
  /// Claude Code: `claude -p --output-format stream-json --verbose [--model M] [--max-turns N]
  /// [--permission-mode P] [--resume ID] EXTRA...`, the prompt on standard input.
  /// (`stream-json` needs `--verbose` with `-p`, or the CLI refuses with exit 1.)
  public static func claude(
    _ provider: ProviderConfig, model: String, prompt: String, resume sessionID: String? = nil
  ) -> AgentInvocation {
    var arguments = ["claude", "-p", "--output-format", "stream-json", "--verbose"]
    if let model = modelArgument(model) { arguments += ["--model", model] }
    if let turns = provider.maxTurns { arguments += ["--max-turns", String(turns)] }
    if let mode = provider.permissionMode { arguments += ["--permission-mode", mode] }
    if let sessionID { arguments += ["--resume", sessionID] }
    arguments += provider.extraArgs ?? []
    return AgentInvocation(arguments: arguments, standardInput: Data(prompt.utf8))
  }

  /// Codex: `codex exec --json --skip-git-repo-check --sandbox S [-m M] EXTRA... -- -`, the prompt on
  /// standard input (`-`); `--` ends variadic options such as `-i` so they cannot swallow it.
  /// The sandbox defaults to `workspace-write` (exec's own default, read-only, forbids edits);
  /// the deprecated `--full-auto` is never used.
  public static func codex(_ provider: ProviderConfig, model: String, prompt: String) -> AgentInvocation {
    var arguments = [
      "codex", "exec", "--json", "--skip-git-repo-check", "--sandbox", provider.sandbox ?? "workspace-write",
    ]
    if let model = modelArgument(model) { arguments += ["-m", model] }
    arguments += provider.extraArgs ?? []
    arguments += ["--", "-"]
    return AgentInvocation(arguments: arguments, standardInput: Data(prompt.utf8))
  }

  /// Cline 3.x: `cline --json [-m M] EXTRA... PROMPT`, the prompt as the last argument (whether 3.x
  /// reads a prompt from standard input is unverified). Tools are auto-approved by default in 3.x;
  /// `-y` is not used because it also narrows the tool set.
  public static func cline(_ provider: ProviderConfig, model: String, prompt: String) -> AgentInvocation {
    var arguments = ["cline", "--json"]
    if let model = modelArgument(model) { arguments += ["-m", model] }
    arguments += provider.extraArgs ?? []
    arguments.append(prompt)
    return AgentInvocation(arguments: arguments, standardInput: nil)
  }

  /// The model to pass, or nil for the role's `none` (let the CLI choose).
  static func modelArgument(_ model: String) -> String? {
    model.isEmpty || model == "none" ? nil : model
  }
}
