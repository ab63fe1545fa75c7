import Foundation
import Testing

/// Role overlays: `--roles-dir`, `LOGIST_ROLES_DIR` and the user's config directory, merged key by key over
/// the built-in roles (never `./Roles`); a job runs with the roles frozen at its creation.
@Suite(.serialized) struct RoleOverlayTests {
  /// Writes `<root>/<dir>/<role>.json` with `json`.
  private func overlay(_ box: Sandbox, _ dir: String, _ role: String, _ json: String) throws -> URL {
    try box.write(json, to: "\(dir)/\(role).json")
  }

  /// The rows of `role inspect` as key → (value, from).
  private func inspect(_ result: CLIResult) -> [String: (String, String)] {
    var rows: [String: (String, String)] = [:]
    for line in lines(result.stdout) {
      let cells = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
      if cells.count == 3 { rows[cells[0]] = (cells[1], cells[2]) }
    }
    return rows
  }

  @Test func overlayedKeyComesFromTheFileOthersFromTheBuiltIn() throws {
    let box = try Sandbox()
    let file = try overlay(box, "overlay", "worker", #"{"model": "my-model"}"#)
    let result = try box.run([
      "--roles-dir", box.root.appendingPathComponent("overlay").path, "role", "inspect", "worker",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = inspect(result)
    #expect(rows["model"]?.0 == "my-model", "\(result.stdout)")
    #expect(rows["model"]?.1 == file.path)
    #expect(rows["provider.kind"]?.0 == "replay")
    #expect(rows["provider.kind"]?.1 == "built-in")
    #expect(rows["description"]?.1 == "built-in")
    #expect(result.stdout.contains("You are the worker on the Logist job"), "built-in instructions stay")

    let json = try box.run(["--roles-dir", "overlay", "role", "inspect", "worker", "--json"])
    let object = try #require(try Sandbox.json(json.stdout) as? [String: Any])
    #expect((object["config"] as? [String: Any])?["model"] as? String == "my-model")
    #expect((object["sources"] as? [String: Any])?["model"] as? String == file.path)
  }

  @Test func previewAndStepUseTheOverlayFrozenAtCreateWithoutFlags() throws {
    let box = try Sandbox()
    _ = try overlay(box, "overlay", "worker", #"{"instructions": "Custom rules for {{id}} in phase {{phase}}."}"#)
    #expect(
      try box.logist([
        "--roles-dir", "overlay", "job", "create", "hello", "--from", Sandbox.template("hello-world").path,
      ]).status == 0)
    let preview = try box.logist(["job", "preview", "hello"])
    #expect(preview.status == 0, "\(preview.stderr)")
    #expect(preview.stdout.contains("Custom rules for hello in phase implement."))
    #expect(!preview.stdout.contains("You are the worker"))
    let step = try box.logist(["job", "step", "hello"])
    #expect(step.status == 0)
    #expect(try box.runFile("hello", "0001-implement", "prompt.md") == Data(preview.stdout.utf8))
  }

  @Test func environmentVariableNamesTheOverlay() throws {
    let box = try Sandbox()
    _ = try overlay(box, "env-roles", "supervisor", #"{"model": "env-model"}"#)
    let result = try box.run(
      ["role", "list"], environment: ["LOGIST_ROLES_DIR": box.root.appendingPathComponent("env-roles").path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      lines(result.stdout).contains { $0.hasPrefix("supervisor") && $0.contains("env-model") }, "\(result.stdout)")
  }

  @Test func overlayWithAnUnknownKeyIsRefusedNamingFileAndKeyButCannotReachACreatedJob() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let file = try overlay(box, "overlay", "worker", #"{"colour": "red"}"#)
    let create = ["job", "create", "other", "--from", Sandbox.template("hello-world").path]
    for args in [["role", "list"], ["role", "inspect", "worker"], create] {
      let result = try box.logist(["--roles-dir", "overlay"] + args)
      #expect(result.status == 1, "\(args): \(result.stdout)")
      #expect(result.stderr.contains(file.path), "\(args): \(result.stderr)")
      #expect(result.stderr.contains("colour"), "\(args): \(result.stderr)")
      expectNoCrash(result)
    }
    #expect(!FileManager.default.fileExists(atPath: box.jobDirectory("other").path))
    let step = try box.logist(["--roles-dir", "overlay", "job", "step", "hello"])
    #expect(step.status == 0, "the job runs with its frozen roles: \(step.stderr)")
  }

  @Test func unknownPlaceholderIsRefused() throws {
    let box = try Sandbox()
    let file = try overlay(box, "overlay", "worker", #"{"instructions": "Do {{nope}} now."}"#)
    let create = try box.logist([
      "--roles-dir", "overlay", "job", "create", "hello", "--from", Sandbox.template("hello-world").path,
    ])
    #expect(create.status == 1)
    #expect(create.stderr.contains("{{nope}}"), "\(create.stderr)")
    #expect(create.stderr.contains(file.path))
    let list = try box.logist(["--roles-dir", "overlay", "role", "list"])
    #expect(list.status == 1)
  }

  @Test func missingRolesDirectoryIsAnError() throws {
    let box = try Sandbox()
    let result = try box.run(["--roles-dir", "nowhere", "role", "list"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("nowhere"), "\(result.stderr)")
  }

  @Test func rolesInTheWorkingDirectoryAreNeverUsedAndTheUsersConfigDirectoryIs() throws {
    let box = try Sandbox()
    _ = try overlay(box, "Roles", "worker", #"{"model": "cwd-model"}"#)
    let result = try box.run(["role", "inspect", "worker"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(inspect(result)["model"]?.0 != "cwd-model", "\(result.stdout)")
    let file = try overlay(box, "config/logist/roles", "worker", #"{"model": "config-model"}"#)
    let config = try box.run(
      ["role", "inspect", "worker"], environment: ["XDG_CONFIG_HOME": box.root.appendingPathComponent("config").path])
    #expect(inspect(config)["model"]?.0 == "config-model", "\(config.stdout)")
    #expect(inspect(config)["model"]?.1 == file.path)
    let home = try overlay(box, ".config/logist/roles", "worker", #"{"model": "home-model"}"#)
    let fromHome = try box.run(["role", "inspect", "worker"])
    #expect(inspect(fromHome)["model"]?.0 == "home-model", "~/.config/logist/roles by default: \(fromHome.stdout)")
    #expect(inspect(fromHome)["model"]?.1 == home.path)
    // --roles-dir goes over the user's directory.
    _ = try overlay(box, "other", "worker", #"{"model": "other-model"}"#)
    let other = try box.run(["--roles-dir", "other", "role", "inspect", "worker"])
    #expect(inspect(other)["model"]?.0 == "other-model")
  }

  @Test func aNewRoleInTheOverlayCanPlayAPhase() throws {
    let box = try Sandbox()
    _ = try overlay(
      box, "overlay", "critic",
      #"{"description": "A strict reviewer.", "provider": {"kind": "replay"}, "model": "m", "instructions": "Criticise {{id}}."}"#
    )
    let template = try box.copyTemplate("hello-world", as: "critic-tpl")
    try Sandbox.setRole("critic", ofPhase: 1, in: template)
    let create = try box.logist(["--roles-dir", "overlay", "job", "create", "c", "--from", template.path])
    #expect(create.status == 0, "\(create.stderr)")
    let run = try box.logist(["job", "run", "c"])
    #expect(run.status == 0, "\(run.stderr)")
    let prompt = String(decoding: try box.runFile("c", "0002-review", "prompt.md"), as: UTF8.self)
    #expect(prompt.contains("Criticise c."))
  }
}
