import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program with `posix_spawnp` and waits for it: no Foundation.Process, so nothing but the child is
/// timed. Output goes to /dev/null unless `capture` names a file.
enum Spawn {
  /// A program that failed.
  struct Failure: Error, CustomStringConvertible {
    /// What ran and how it ended.
    let description: String
  }

  /// The environment of every child: no user or system git config, a fixed identity.
  static let environment: [String] = {
    var env = ProcessInfo.processInfo.environment
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    for key in ["GIT_AUTHOR", "GIT_COMMITTER"] {
      env[key + "_NAME"] = "Bench Person"
      env[key + "_EMAIL"] = "bench@example.com"
      env[key + "_DATE"] = "2026-01-01T00:00:00Z"
    }
    env.removeValue(forKey: "LOGIST_JOBS_DIR")
    return env.map { "\($0.key)=\($0.value)" }
  }()

  /// Runs `arguments` (the first is looked up in PATH); throws unless it exits 0.
  static func run(_ arguments: [String], capture: String? = nil) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, capture ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let code = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
    guard code == 0 else {
      throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(code)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { throw Failure(description: "waitpid failed for \(arguments[0])") }
    }
    guard status == 0 else {
      throw Failure(description: "\(arguments.joined(separator: " ")) failed (wait status \(status))")
    }
  }

  /// Runs `git ARGS…` in `directory`.
  static func git(_ arguments: [String], in directory: String) throws {
    try run(["git", "-C", directory] + arguments)
  }
}
