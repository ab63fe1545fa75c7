import Foundation
import Testing

@testable import LogistCore

/// The small parts behind live providers: backoff, environment filtering, fallbacks.
struct LiveProviderPartsTests {
  @Test func backoffDoublesWithJitterBetweenHalfAndOneAndAHalf() {
    var provider = ProviderConfig(kind: "claude")
    provider.retryBaseSeconds = 2
    let policy = AgentRetryPolicy(provider)
    #expect(policy.retries == 2, "default")
    #expect(policy.delay(before: 1, random: 0.5) == 2)
    #expect(policy.delay(before: 2, random: 0.5) == 4)
    #expect(policy.delay(before: 3, random: 0) == 4)
    #expect(policy.delay(before: 3, random: 0.999) < 12)
  }

  @Test func deniedVariablesAreLeftOutByNameOrGlob() {
    let base = ["AWS_REGION": "x", "AWS_SECRET_ACCESS_KEY": "y", "GITHUB_TOKEN": "z", "HOME": "/h", "PATH": "/bin"]
    let built = AgentEnvironment.build(
      base: base, deny: ["AWS_*", "GITHUB_TOKEN"], extra: ["LOGIST_PHASE": "implement"])
    #expect(built == ["HOME": "/h", "PATH": "/bin", "LOGIST_PHASE": "implement"])
  }

  @Test func aModelFallbackKeepsTheProvidersSettingsAndAnotherKindStartsFresh() {
    var primary = ProviderConfig(kind: "claude", maxTurns: 5, extraArgs: ["--x"])
    primary.fallback = [FallbackProvider(model: "claude-haiku-4-5"), FallbackProvider(kind: "codex", model: "gpt-5")]
    let sameKind = FallbackProvider(model: "claude-haiku-4-5").config(over: primary)
    #expect(sameKind.kind == "claude" && sameKind.maxTurns == 5 && sameKind.extraArgs == ["--x"])
    #expect(sameKind.fallback == nil)
    let other = FallbackProvider(kind: "codex", model: "gpt-5").config(over: primary)
    #expect(other == ProviderConfig(kind: "codex"))
  }

  @Test func aDotSlashCommandIsRelativeToTheRoleFile() {
    let candidate = AgentCandidate(
      config: ProviderConfig(kind: "command", command: ["./agent.sh", "--fast"]), model: "none",
      roleDirectory: "/tmp/roles", fallbackIndex: 0)
    #expect(candidate.invocation(prompt: "p").arguments == ["/tmp/roles/agent.sh", "--fast"])
    #expect(candidate.invocation(prompt: "p").standardInput == Data("p".utf8))
    #expect(candidate.resolve(["python3", "./x.py"]) == ["python3", "./x.py"], "only the executable is resolved")
  }
}
