import CPosix

#if canImport(Glibc)
  import Glibc
#endif

/// The pipe descriptors a child gets, and `posix_spawn` with the supervisor's settings.
enum PosixSpawn {
  /// A pipe whose two ends are close-on-exec (the child's copies are made by dup2).
  static func pipe() throws(LogistError) -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    guard cposix_pipe2(&fds, O_CLOEXEC) == 0 else { throw SystemCall.failure("pipe2", "for a child process") }
    return (fds[0], fds[1])
  }

  /// Spawns `path` in a new process group with default signal dispositions, an empty signal mask,
  /// `stdin` (or /dev/null), `stdout` and `stderr` as descriptors 0–2, in `directory`, with every
  /// other descriptor closed.
  /// With `diesWithParent`, the child also gets `PR_SET_PDEATHSIG` (SIGKILL when the calling thread
  /// ends, `kill -9` of this process included), which needs fork and exec instead of posix_spawn.
  static func spawn(
    path: String, arguments: [String], environment: [String: String], directory: String,
    stdin: Int32?, stdout: Int32, stderr: Int32, diesWithParent: Bool = false
  ) throws(LogistError) -> pid_t {
    if diesWithParent {
      return try spawnDyingWithParent(
        path: path, arguments: arguments, environment: environment, directory: directory, stdin: stdin,
        stdout: stdout, stderr: stderr)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    cposix_sigfillset_all(&defaults)
    sigdelset(&defaults, SIGKILL)
    sigdelset(&defaults, SIGSTOP)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setpgroup(&attributes, 0)
    let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
    posix_spawnattr_setflags(&attributes, Int16(flags))

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdin {
      posix_spawn_file_actions_adddup2(&actions, stdin, 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    cposix_spawn_addchdir(&actions, directory)
    cposix_spawn_addclosefrom(&actions, 3)

    return try withVectors(arguments, environment, path: path, directory: directory) { pid, argv, envp in
      posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    }
  }

  /// Runs `start` with C copies of `arguments` and `environment` (`NAME=value`, sorted), freed after;
  /// returns the pid it set, or throws with the errno it returned.
  private static func withVectors(
    _ arguments: [String], _ environment: [String: String], path: String, directory: String,
    _ start: (inout pid_t, [UnsafeMutablePointer<CChar>?], [UnsafeMutablePointer<CChar>?]) -> Int32
  ) throws(LogistError) -> pid_t {
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.keys.sorted().map { strdup("\($0)=\(environment[$0] ?? "")") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let code = start(&pid, argv, envp)
    guard code == 0 else {
      throw LogistError(.system, "cannot start \(path) in \(directory): \(String(cString: strerror(code)))")
    }
    return pid
  }

  private static func spawnDyingWithParent(
    path: String, arguments: [String], environment: [String: String], directory: String,
    stdin: Int32?, stdout: Int32, stderr: Int32
  ) throws(LogistError) -> pid_t {
    try withVectors(arguments, environment, path: path, directory: directory) { pid, argv, envp in
      cposix_spawn_dying_with_parent(&pid, path, argv, envp, directory, stdin ?? -1, stdout, stderr)
    }
  }
}
