import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A minimal `posix_spawn` executor for the remote layer, to be replaced by the shared process runner.
///
/// The child leads its own process group, starts with default signal dispositions and an empty signal
/// mask, and gets only standard input, output and error (every descriptor this type opens is
/// close-on-exec). Both output pipes are drained while it runs; on timeout the whole group gets SIGTERM,
/// then SIGKILL two seconds later. A grandchild that keeps the pipes open (an ssh connection master)
/// delays the result by at most one second after the child exits.
public struct SpawnCommandExecutor: CommandExecutor {
  /// Makes an executor.
  public init() {}

  public func run(_ argv: [String], stdin: Data?, timeout: Double?) throws(LogistError) -> CommandResult {
    guard let program = argv.first, !program.isEmpty else { throw .invalid("cannot run an empty command") }
    if argv.contains(where: { $0.utf8.contains(0) }) {
      throw .invalid("an argument for `\(program)` contains a NUL byte, which no program can receive; remove it")
    }
    _ = Self.ignoreBrokenPipes
    let pipes = try ChildPipes(withStdin: stdin != nil)
    let pid: pid_t
    do throws(LogistError) {
      pid = try Self.spawn(argv, pipes)
    } catch {
      pipes.closeAll()
      throw error
    }
    pipes.closeChildEnds()
    var pump = ChildPump(pid: pid, pipes: pipes, input: stdin ?? Data())
    let deadline = timeout.map { ChildPump.now() + $0 }
    let status = pump.run(deadline: deadline)
    if pump.timedOut, let timeout {
      let shown = String(format: "%g", timeout)
      throw LogistError(.system, "`\(program)` did not finish within \(shown) s and was stopped")
    }
    return CommandResult(exitCode: status, stdout: pump.stdout, stderr: pump.stderr)
  }

  /// A write to a pipe whose reader exited must fail with EPIPE, not kill this process.
  private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

  private static func spawn(_ argv: [String], _ pipes: ChildPipes) throws(LogistError) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let input = pipes.stdinRead {
      posix_spawn_file_actions_adddup2(&actions, input, 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_adddup2(&actions, pipes.stdoutWrite, 1)
    posix_spawn_file_actions_adddup2(&actions, pipes.stderrWrite, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setpgroup(&attributes, 0)
    let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
    posix_spawnattr_setflags(&attributes, Int16(flags))
    let arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    var pid = pid_t()
    let code = posix_spawnp(&pid, argv[0], &actions, &attributes, arguments, environ)
    guard code == 0 else {
      let reason = String(cString: strerror(code))
      throw LogistError(.system, "cannot run `\(argv[0])`: \(reason); install it or check PATH")
    }
    return pid
  }
}
