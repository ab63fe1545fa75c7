#if canImport(Glibc)
  import Glibc
#endif

/// The pipes between the runner and one child, plus the runner's own wake-up pipe for its pumps.
struct ChildPipes: Sendable {
  /// The child's standard input, when it gets bytes rather than /dev/null.
  let stdin: (read: Int32, write: Int32)?
  /// The child's standard output.
  let stdout: (read: Int32, write: Int32)
  /// The child's standard error.
  let stderr: (read: Int32, write: Int32)
  /// Written once when the pumps must stop; never read, so it stays readable.
  let wake: (read: Int32, write: Int32)

  /// Opens all of them; on failure closes the ones already open.
  init(withStdin: Bool) throws(LogistError) {
    var opened: [(read: Int32, write: Int32)] = []
    do throws(LogistError) {
      for _ in 0..<(withStdin ? 4 : 3) { opened.append(try PosixSpawn.pipe()) }
    } catch {
      for pipe in opened {
        _ = close(pipe.read)
        _ = close(pipe.write)
      }
      throw error
    }
    stdout = opened[0]
    stderr = opened[1]
    wake = opened[2]
    stdin = withStdin ? opened[3] : nil
  }

  /// After the spawn: the child has its copies, the parent drops the ends it does not use.
  func closeChildEnds() {
    _ = close(stdout.write)
    _ = close(stderr.write)
    if let stdin { _ = close(stdin.read) }
  }

  /// After a failed spawn.
  func closeAll() {
    for fd in [stdout.read, stdout.write, stderr.read, stderr.write, wake.read, wake.write] { _ = close(fd) }
    if let stdin {
      _ = close(stdin.read)
      _ = close(stdin.write)
    }
  }

  /// After the pumps have stopped (they close their own ends).
  func closeWake() {
    _ = close(wake.read)
    _ = close(wake.write)
  }
}
