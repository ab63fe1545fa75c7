import Foundation
import Testing

@testable import LogistCore

/// The real command lines of the agent CLIs, and failure classification.
struct AgentCommandLineTests {
  @Test func claudeStreamsJSONWithVerboseAndTakesThePromptOnStdin() {
    let provider = ProviderConfig(
      kind: "claude", maxTurns: 30, permissionMode: "acceptEdits", extraArgs: ["--allowedTools", "Bash(git *),Read"])
    let call = AgentCommandLine.claude(provider, model: "claude-sonnet-4-5", prompt: "Do it")
    #expect(
      call.arguments == [
        "claude", "-p", "--output-format", "stream-json", "--verbose", "--model", "claude-sonnet-4-5", "--max-turns",
        "30", "--permission-mode", "acceptEdits", "--allowedTools", "Bash(git *),Read",
      ])
    #expect(call.standardInput == Data("Do it".utf8))
    let bare = AgentCommandLine.claude(ProviderConfig(kind: "claude"), model: "none", prompt: "p", resume: "abc")
    #expect(bare.arguments == ["claude", "-p", "--output-format", "stream-json", "--verbose", "--resume", "abc"])
  }

  @Test func codexExecJSONInTheWorkspaceSandboxWithThePromptOnStdin() {
    let call = AgentCommandLine.codex(
      ProviderConfig(kind: "codex", extraArgs: ["-c", "model_reasoning_effort=high"]), model: "gpt-5", prompt: "Do it")
    #expect(
      call.arguments == [
        "codex", "exec", "--json", "--skip-git-repo-check", "--sandbox", "workspace-write", "-m", "gpt-5", "-c",
        "model_reasoning_effort=high", "--", "-",
      ])
    #expect(call.standardInput == Data("Do it".utf8))
    #expect(!call.arguments.contains("--full-auto"))
    let readOnly = AgentCommandLine.codex(
      ProviderConfig(kind: "codex", sandbox: "read-only"), model: "none", prompt: "p")
    #expect(
      readOnly.arguments == ["codex", "exec", "--json", "--skip-git-repo-check", "--sandbox", "read-only", "--", "-"])
  }

  @Test func clineJSONWithThePromptLast() {
    let call = AgentCommandLine.cline(
      ProviderConfig(kind: "cline", extraArgs: ["-P", "anthropic"]), model: "claude-sonnet-4-5", prompt: "Do it")
    #expect(call.arguments == ["cline", "--json", "-m", "claude-sonnet-4-5", "-P", "anthropic", "Do it"])
    #expect(call.standardInput == nil)
  }

  @Test func failureClassification() {
    #expect(FailureClassifier.classify("API Error: 529 Overloaded") == .transient)
    #expect(FailureClassifier.classify("429 Too Many Requests") == .transient)
    #expect(FailureClassifier.classify("stream disconnected before completion") == .transient)
    #expect(FailureClassifier.classify("Reconnecting... 5/5 (unexpected status 401 Unauthorized)") == .fatal)
    #expect(FailureClassifier.classify("Invalid API key · Please run /login") == .fatal)
    #expect(FailureClassifier.classify("error: unexpected argument '--full-auto' found") == .fatal)
    #expect(FailureClassifier.classify("Reached maximum number of turns (1)") == nil)
    #expect(FailureClassifier.classify("used 5000 tokens") == nil)
    #expect(FailureClassifier.classify(status: 503) == .transient)
    #expect(FailureClassifier.classify(status: 401) == .fatal)
  }
}
