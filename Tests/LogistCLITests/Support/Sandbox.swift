import Foundation
import Testing

/// What one run of the `logist` binary printed and returned.
struct CLIResult {
  let status: Int32
  let stdout: String
  let stderr: String
}

/// A temporary directory with a jobs directory, for running the built `logist` binary end to end.
final class Sandbox {
  /// The package's root directory.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The built binary: next to the test bundle (SwiftPM builds it with the tests), or $LOGIST_BIN.
  static let binary: URL = {
    if let path = ProcessInfo.processInfo.environment["LOGIST_BIN"] { return URL(fileURLWithPath: path) }
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    while dir.path != "/" {
      let candidate = dir.appendingPathComponent("logist")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/logist")
  }()

  /// The sandbox directory (also the working directory of commands).
  let root: URL
  /// `<root>/jobs`, passed as `--jobs-dir`.
  let jobs: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("logist-test-\(UUID().uuidString)")
    jobs = root.appendingPathComponent("jobs")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  /// A template directory of the repository (`Jobs/hello-world`).
  static func template(_ name: String) -> URL { packageRoot.appendingPathComponent("Jobs/\(name)") }

  /// Runs `logist --jobs-dir <jobs> ARGS…` in the sandbox.
  @discardableResult
  func logist(_ args: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CLIResult {
    try run(["--jobs-dir", jobs.path] + args, environment: environment, stdin: stdin)
  }

  /// Runs `logist ARGS…` (no global options added) in the sandbox, or in `directory`; `executable`
  /// replaces the built binary.
  func run(
    _ args: [String], environment: [String: String] = [:], stdin: String? = nil, executable: URL = Sandbox.binary,
    in directory: URL? = nil
  ) throws -> CLIResult {
    let process = try start(args, environment: environment, stdin: stdin, executable: executable, in: directory)
    process.process.waitUntilExit()
    return process.result()
  }

  /// A started `logist` process whose output goes to files (no pipe can fill up).
  struct Running {
    let process: Process
    let out: URL
    let err: URL

    func result() -> CLIResult {
      let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
      let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
      return CLIResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
  }

  /// Starts `logist ARGS…` without waiting; `executable` replaces the built binary.
  func start(
    _ args: [String], environment: [String: String] = [:], stdin: String? = nil, executable: URL = Sandbox.binary,
    in directory: URL? = nil
  ) throws -> Running {
    let id = UUID().uuidString
    let out = root.appendingPathComponent(".out-\(id)")
    let err = root.appendingPathComponent(".err-\(id)")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = executable
    process.arguments = args
    process.currentDirectoryURL = directory ?? root
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = root.path
    env.removeValue(forKey: "LOGIST_JOBS_DIR")
    env.removeValue(forKey: "LOGIST_ROLES_DIR")
    env.removeValue(forKey: "XDG_CONFIG_HOME")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    if let stdin {
      let input = root.appendingPathComponent(".in-\(id)")
      try Data(stdin.utf8).write(to: input)
      process.standardInput = try FileHandle(forReadingFrom: input)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    return Running(process: process, out: out, err: err)
  }

  /// Creates a job from a repository template.
  @discardableResult
  func create(_ id: String, from template: String) throws -> CLIResult {
    let result = try logist(["job", "create", id, "--from", Sandbox.template(template).path])
    #expect(result.status == 0, "create failed: \(result.stderr)")
    return result
  }

  /// Job directory of `id`.
  func jobDirectory(_ id: String) -> URL { jobs.appendingPathComponent(id) }

  /// The parsed manifest of job `id`.
  func manifest(_ id: String) throws -> [String: Any] {
    let data = try Data(contentsOf: jobDirectory(id).appendingPathComponent("job.json"))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }

  /// Every file below `dir` with its bytes (for "nothing changed" checks); hidden lock files excluded.
  static func snapshot(_ dir: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return result }
    for case let url as URL in walker {
      var isDir: ObjCBool = false
      FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir)
      let relative = String(url.path.dropFirst(dir.path.count))
      result[relative] = isDir.boolValue ? Data("<dir>".utf8) : (try? Data(contentsOf: url)) ?? Data()
    }
    return result
  }
}
