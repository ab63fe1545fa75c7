import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The three pipes between a spawned child and `SpawnCommandExecutor`, all close-on-exec.
final class ChildPipes {
  /// The child's standard input (read end), when it gets one.
  private(set) var stdinRead: Int32?
  /// Where this process writes the child's standard input.
  private(set) var stdinWrite: Int32?
  /// Where this process reads the child's standard output.
  let stdoutRead: Int32
  /// The child's standard output (write end).
  private(set) var stdoutWrite: Int32
  /// Where this process reads the child's standard error.
  let stderrRead: Int32
  /// The child's standard error (write end).
  private(set) var stderrWrite: Int32

  /// Opens the pipes; `withStdin` adds one for standard input.
  init(withStdin: Bool) throws(LogistError) {
    let out = try Self.pipe()
    let err: (Int32, Int32)
    do throws(LogistError) { err = try Self.pipe() } catch {
      _ = close(out.0)
      _ = close(out.1)
      throw error
    }
    (stdoutRead, stdoutWrite) = out
    (stderrRead, stderrWrite) = err
    if withStdin {
      do throws(LogistError) {
        let input = try Self.pipe()
        (stdinRead, stdinWrite) = input
        _ = fcntl(input.1, F_SETFL, fcntl(input.1, F_GETFL) | O_NONBLOCK)
      } catch {
        for fd in [out.0, out.1, err.0, err.1] { _ = close(fd) }
        throw error
      }
    }
  }

  /// Closes the child's ends in this process, once the child has them.
  func closeChildEnds() {
    if let fd = stdinRead { _ = close(fd) }
    stdinRead = nil
    _ = close(stdoutWrite)
    _ = close(stderrWrite)
    stdoutWrite = -1
    stderrWrite = -1
  }

  /// Closes every end (the spawn failed).
  func closeAll() {
    closeChildEnds()
    if let fd = stdinWrite { _ = close(fd) }
    stdinWrite = nil
    _ = close(stdoutRead)
    _ = close(stderrRead)
  }

  /// A pipe whose both ends are close-on-exec.
  private static func pipe() throws(LogistError) -> (Int32, Int32) {
    var fds: [Int32] = [-1, -1]
    guard Glibc.pipe(&fds) == 0 else { throw SystemCall.failure("pipe", "for a child process") }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return (fds[0], fds[1])
  }
}
