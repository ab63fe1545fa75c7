import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Thin, EINTR-safe wrappers over the few system calls the store needs; failures carry errno.
enum SystemCall {
  /// The error for a failed call on `path`.
  static func failure(_ call: String, _ path: String, _ code: Int32 = errno) -> LogistError {
    let text = "\(call) \(path): \(String(cString: strerror(code)))"
    return LogistError(.system, code == ENOSPC || code == EDQUOT ? text + "; " + diskFullAdvice : text)
  }

  /// What to do when the disk is full.
  static let diskFullAdvice =
    "the disk is full: free some space (`logist job gc` removes the workspaces of finished jobs) and try again"

  /// Whether a library's error text says the disk is full.
  static func saysDiskFull(_ message: String) -> Bool {
    message.contains("No space left") || message.contains("enough space") || message.contains("quota")
  }

  /// `open(2)`, retried on EINTR; a file it creates gets `mode` less the umask (see ``PrivateFiles``).
  static func open(_ path: String, _ flags: Int32, _ mode: mode_t = PrivateFiles.fileMode) throws(LogistError)
    -> Int32
  {
    while true {
      let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
      if fd >= 0 { return fd }
      if errno != EINTR { throw failure("open", path) }
    }
  }

  /// Writes all of `data`, retrying short writes and EINTR.
  static func writeAll(_ fd: Int32, _ data: Data, path: String) throws(LogistError) {
    var failed: Int32 = 0
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      guard var base = buffer.baseAddress else { return }
      var left = buffer.count
      while left > 0 {
        let written = Glibc.write(fd, base, left)
        if written < 0 {
          if errno == EINTR { continue }
          failed = errno
          return
        }
        left -= written
        base += written
      }
    }
    if failed != 0 { throw failure("write", path, failed) }
  }

  /// `fsync(2)`, retried on EINTR.
  static func fsync(_ fd: Int32, path: String) throws(LogistError) {
    while Glibc.fsync(fd) != 0 {
      if errno != EINTR { throw failure("fsync", path) }
    }
  }

  /// `rename(2)`.
  static func rename(_ from: String, _ to: String) throws(LogistError) {
    if Glibc.rename(from, to) != 0 { throw failure("rename", "\(from) to \(to)") }
  }

  /// Fsyncs a directory so a rename in it survives a crash.
  static func fsyncDirectory(_ path: String) throws(LogistError) {
    let fd = try open(path, O_RDONLY | O_DIRECTORY)
    defer { _ = Glibc.close(fd) }
    try fsync(fd, path: path)
  }

  /// This machine's host name.
  static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    return String(cString: buffer)
  }

  /// This process's id.
  static func processID() -> Int { Int(getpid()) }
}

/// Raw bytes to standard output (a diff or a patch need not be UTF-8), retrying short writes and EINTR.
public enum StandardOutput {
  /// Writes all of `data`; a closed pipe is an error naming standard output.
  public static func write(_ data: Data) throws(LogistError) {
    try SystemCall.writeAll(STDOUT_FILENO, data, path: "to standard output")
  }
}
