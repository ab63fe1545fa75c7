import Foundation
import Testing

@testable import LogistCore

/// The `bwrap` command line: what is hidden, what is bound back, and in which order.
struct BwrapCommandTests {
  func command(network: Bool = true) -> BwrapCommand {
    var command = BwrapCommand(bwrap: "/usr/bin/bwrap", directory: "/tmp/jobs/j/workspace")
    command.network = network
    command.executableDirectory = "/tmp/roles"
    command.writable = ["/home/u/.claude"]
    command.jobDirectory = "/tmp/jobs/j"
    command.gitDirectory = "/tmp/jobs/j/workspace.git"
    command.workspace = "/tmp/jobs/j/workspace"
    command.readableFiles = ["/tmp/jobs/j/runs/0001-x/prompt.md"]
    command.writableFiles = ["/tmp/jobs/j/runs/0001-x/response.json"]
    return command
  }

  @Test func theJobDirectoryIsHiddenAfterTmpAndTheWritablePathsThenTheRunsFilesAreBoundBack() {
    let argv = command().arguments(wrapping: ["./agent.sh", "--flag"])
    let expected: [String] = [
      "/usr/bin/bwrap --die-with-parent --unshare-pid --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp",
      "--ro-bind /tmp/roles /tmp/roles --bind /home/u/.claude /home/u/.claude --tmpfs /tmp/jobs/j",
      "--ro-bind /tmp/jobs/j/workspace.git /tmp/jobs/j/workspace.git",
      "--bind /tmp/jobs/j/workspace /tmp/jobs/j/workspace",
      "--ro-bind-try /tmp/jobs/j/runs/0001-x/prompt.md /tmp/jobs/j/runs/0001-x/prompt.md",
      "--bind /tmp/jobs/j/runs/0001-x/response.json /tmp/jobs/j/runs/0001-x/response.json",
      "--remount-ro /tmp/jobs/j --chdir /tmp/jobs/j/workspace -- ./agent.sh --flag",
    ]
    #expect(argv.joined(separator: " ") == expected.joined(separator: " "))
  }

  @Test func withoutNetworkTheSandboxGetsItsOwnNetworkNamespace() {
    #expect(command(network: false).arguments(wrapping: ["sh"]).prefix(4).contains("--unshare-net"))
    #expect(!command().arguments(wrapping: ["sh"]).contains("--unshare-net"))
  }

  @Test func everyFallbackKeepsTheRolesIsolationEvenAnotherKind() {
    var primary = ProviderConfig(kind: "claude")
    primary.isolation = Isolation(kind: "bwrap", network: false, writable: ["~/.claude"])
    let otherKind = FallbackProvider(kind: "codex").config(over: primary)
    let otherModel = FallbackProvider(model: "haiku").config(over: primary)
    #expect(otherKind.kind == "codex" && otherKind.isolation == primary.isolation)
    #expect(otherModel.isolation == primary.isolation)
  }

  @Test func writablePathsExpandTildeAgainstTheAgentsHomeAndRefuseRelativeOrMissingOnes() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("bwrap-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: home.appendingPathComponent(".claude"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    func paths(_ writable: [String]) throws(LogistError) -> [String] {
      try BwrapSandbox(
        role: "worker", isolation: Isolation(kind: "bwrap", writable: writable), environment: ["HOME": home.path]
      ).writablePaths(jobDirectory: home.path + "/jobs/j")
    }
    #expect(try paths(["~/.claude"]) == [BwrapSandbox.realPath(home.path + "/.claude")])
    #expect(throws: LogistError.self) { try paths(["relative/dir"]) }
    #expect(throws: LogistError.self) { try paths(["~/.missing"]) }
    #expect(throws: LogistError.self) { try paths(["/"]) }
    try FileManager.default.createDirectory(
      at: home.appendingPathComponent("jobs/j/runs"), withIntermediateDirectories: true)
    #expect(throws: LogistError.self) { try paths(["~/jobs/j/runs"]) }
  }
}
