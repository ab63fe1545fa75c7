import Foundation
import Testing

/// Where jobs live: `--jobs-dir`, `LOGIST_JOBS_DIR`, `~/.logist/jobs`; and a binary copied alone.
@Suite(.serialized) struct DirectoryTests {
  private func hello() -> String { Sandbox.template("hello-world").path }

  @Test func environmentVariableIsUsedWithoutTheOption() throws {
    let box = try Sandbox()
    let dir = box.root.appendingPathComponent("env-jobs")
    let env = ["LOGIST_JOBS_DIR": dir.path]
    let create = try box.run(["job", "create", "e", "--from", hello()], environment: env)
    #expect(create.status == 0, "\(create.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("e/job.json").path))
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path))
    let run = try box.run(["job", "run", "e"], environment: env)
    #expect(run.status == 0)
    let list = try box.run(["job", "list", "--json"], environment: env)
    #expect((try Sandbox.json(list.stdout) as? [[String: Any]])?.first?["id"] as? String == "e")
  }

  @Test func relativeEnvironmentDirectoryIsResolvedFromTheWorkingDirectory() throws {
    let box = try Sandbox()
    let create = try box.run(["job", "create", "e", "--from", hello()], environment: ["LOGIST_JOBS_DIR": "rel/jobs"])
    #expect(create.status == 0, "\(create.stderr)")
    #expect(FileManager.default.fileExists(atPath: box.root.appendingPathComponent("rel/jobs/e/job.json").path))
  }

  @Test func optionWinsOverTheEnvironment() throws {
    let box = try Sandbox()
    let envDir = box.root.appendingPathComponent("env-jobs")
    let create = try box.logist(
      ["job", "create", "f", "--from", hello()], environment: ["LOGIST_JOBS_DIR": envDir.path])
    #expect(create.status == 0, "\(create.stderr)")
    #expect(FileManager.default.fileExists(atPath: box.jobDirectory("f").path))
    #expect(!FileManager.default.fileExists(atPath: envDir.path))
    let inline = try box.run(
      ["--jobs-dir=\(box.jobs.path)", "job", "status", "f"], environment: ["LOGIST_JOBS_DIR": envDir.path])
    #expect(inline.status == 0, "\(inline.stderr)")
  }

  @Test func homeDirectoryIsTheDefault() throws {
    let box = try Sandbox()
    let create = try box.run(["job", "create", "h", "--from", hello()])
    #expect(create.status == 0, "\(create.stderr)")
    #expect(FileManager.default.fileExists(atPath: box.root.appendingPathComponent(".logist/jobs/h/job.json").path))
  }

  @Test func jobsDirAfterTheCommandGroupIsAUsageErrorWithAHint() throws {
    let box = try Sandbox()
    let result = try box.run(["job", "list", "--jobs-dir", box.jobs.path])
    #expect(result.status == 64)
    #expect(result.stderr.contains("global option"), "\(result.stderr)")
    #expect(result.stderr.contains("logist --jobs-dir DIR job list"), "\(result.stderr)")
    let roles = try box.run(["role", "list", "--roles-dir", box.root.path])
    #expect(roles.status == 64)
    #expect(roles.stderr.contains("--roles-dir is a global option"), "\(roles.stderr)")
  }

  @Test func binaryCopiedAloneHasItsRolesAndRunsAJob() throws {
    let box = try Sandbox()
    let bin = box.root.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let alone = bin.appendingPathComponent("logist")
    try FileManager.default.copyItem(at: Sandbox.binary, to: alone)
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("Roles").path))
    #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent("Schemas").path))

    let roles = try box.run(["role", "list"], executable: alone)
    #expect(roles.status == 0, "\(roles.stderr)")
    let names = lines(roles.stdout).dropFirst().map { String($0.prefix(while: { !$0.isWhitespace })) }
    #expect(names == ["renderer", "steward", "supervisor", "worker"], "\(roles.stdout)")
    #expect(lines(roles.stdout).dropFirst().allSatisfy { $0.contains("built-in") })

    let jobs = ["--jobs-dir", box.jobs.path]
    let create = try box.run(jobs + ["job", "create", "hello", "--from", hello()], executable: alone)
    #expect(create.status == 0, "\(create.stderr)")
    let run = try box.run(jobs + ["job", "run", "hello"], executable: alone)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("succeeded after 2 runs"))
    let validate = try box.run(jobs + ["job", "validate", "hello"], executable: alone)
    #expect(validate.status == 0, "schemas are built in too: \(validate.stdout)\(validate.stderr)")
  }
}
