import Foundation
import Testing

/// Fake agent CLIs for end-to-end tests: small sh scripts named `claude`, `codex`, `cline` first on
/// PATH, and role overlays that make the built-in roles use them.
extension Sandbox {
  /// `<root>/bin`, put first on PATH by ``agentEnvironment``.
  var bin: URL { root.appendingPathComponent("bin") }
  /// `<root>/roles`, the role overlay directory.
  var rolesDir: URL { root.appendingPathComponent("roles") }

  /// The environment that puts the fakes first on PATH, plus `extra`.
  func agentEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    for (key, value) in extra { environment[key] = value }
    return environment
  }

  /// A fixture of `Tests/Fixtures/agents` (`claude/stream-success.jsonl`).
  static func agentFixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/Fixtures/agents/\(name)").path
  }

  /// Writes an executable sh script `<root>/<relative>` with `body` after the `#!/bin/sh` line.
  @discardableResult
  func script(_ relative: String, _ body: String) throws -> URL {
    let url = try write("#!/bin/sh\n" + body + "\n", to: relative)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    return url
  }

  /// A fake `name` on PATH that saves its arguments and stdin under `<root>/calls/`, counts its calls,
  /// then runs `body` (where `$N` is the call number, starting at 1).
  func fakeAgent(_ name: String, _ body: String) throws {
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("calls"), withIntermediateDirectories: true)
    let calls = root.appendingPathComponent("calls").path
    try script(
      "bin/\(name)",
      """
      N=$(( $(cat \(calls)/\(name).count 2>/dev/null || echo 0) + 1 ))
      echo $N > \(calls)/\(name).count
      printf '%s\\n' "$@" > \(calls)/\(name).$N.args
      pwd > \(calls)/\(name).$N.pwd
      [ -t 0 ] || cat > \(calls)/\(name).$N.stdin
      \(body)
      """)
  }

  /// How many times fake `name` ran.
  func calls(_ name: String) -> Int {
    let text = (try? String(contentsOf: root.appendingPathComponent("calls/\(name).count"), encoding: .utf8)) ?? "0"
    return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
  }

  /// What fake `name` got in call `call`: `args`, `pwd` or `stdin`.
  func call(_ name: String, _ call: Int, _ what: String) -> String {
    (try? String(contentsOf: root.appendingPathComponent("calls/\(name).\(call).\(what)"), encoding: .utf8)) ?? ""
  }

  /// Writes the role overlay `<root>/roles/<role>.json`.
  func role(_ role: String, _ json: String) throws {
    try write(json, to: "roles/\(role).json")
  }

  /// Runs `logist --jobs-dir … --roles-dir <root>/roles ARGS…` with the fakes first on PATH.
  @discardableResult
  func live(_ args: [String], _ extra: [String: String] = [:]) throws -> CLIResult {
    try logist(["--roles-dir", rolesDir.path] + args, environment: agentEnvironment(extra))
  }

  /// Creates job `id` from hello-world (roles from the overlay) and checks it worked.
  func createLive(_ id: String, from template: String = "hello-world") throws {
    let result = try live(["job", "create", id, "--from", Sandbox.template(template).path])
    #expect(result.status == 0, "create failed: \(result.stderr)")
  }

  /// The text of a run's `agent.log`.
  func agentLog(_ id: String, _ run: String = "0001-implement") -> String {
    String(decoding: (try? runFile(id, run, "agent.log")) ?? Data(), as: UTF8.self)
  }
}
