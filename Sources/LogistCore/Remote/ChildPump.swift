import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Feeds a child's standard input and drains its standard output and error with `poll`, reaps it with
/// `waitpid`, and stops its process group when a deadline passes. Owns and closes this process's pipe ends.
struct ChildPump {
  /// Everything read from standard output.
  private(set) var stdout = Data()
  /// Everything read from standard error.
  private(set) var stderr = Data()
  /// Whether the deadline passed and the child was stopped.
  private(set) var timedOut = false

  private let pid: pid_t
  private let input: Data
  private var written = 0
  private var stdinFD: Int32?
  private var stdoutFD: Int32?
  private var stderrFD: Int32?

  /// Seconds a child's pipes may stay open after it exited (a grandchild holds them).
  private static let exitGrace = 1.0
  /// Seconds between SIGTERM and SIGKILL on timeout.
  private static let killGrace = 2.0

  /// A pump for child `pid` started with `pipes` (their child ends already closed).
  init(pid: pid_t, pipes: ChildPipes, input: Data) {
    self.pid = pid
    self.input = input
    stdinFD = pipes.stdinWrite
    stdoutFD = pipes.stdoutRead
    stderrFD = pipes.stderrRead
    if input.isEmpty { closeInput() }
  }

  /// Monotonic seconds.
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// Runs until the child has exited and its pipes are done; returns its exit code (128 + signal).
  mutating func run(deadline: Double?) -> Int32 {
    var status: Int32?
    var exitedAt: Double?
    var terminatedAt: Double?
    while true {
      let open = [stdinFD, stdoutFD, stderrFD].compactMap { $0 }
      if status != nil && (open.isEmpty || Self.now() - (exitedAt ?? 0) > Self.exitGrace) { break }
      pollOnce(wait: open.isEmpty ? 5 : 50)
      if status == nil, let code = reap(blocking: false) {
        status = code
        exitedAt = Self.now()
      }
      if status == nil, let deadline, Self.now() > deadline {
        if let sent = terminatedAt {
          if Self.now() - sent > Self.killGrace { _ = kill(-pid, SIGKILL) }
        } else {
          timedOut = true
          terminatedAt = Self.now()
          _ = kill(-pid, SIGTERM)
        }
      }
    }
    for fd in [stdinFD, stdoutFD, stderrFD].compactMap({ $0 }) { _ = close(fd) }
    return status ?? 0
  }

  private mutating func pollOnce(wait milliseconds: Int32) {
    var fds: [pollfd] = []
    if let fd = stdinFD { fds.append(pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)) }
    if let fd = stdoutFD { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
    if let fd = stderrFD { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
    guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
    for entry in fds where entry.revents != 0 {
      if entry.fd == stdinFD {
        feed()
      } else if entry.fd == stdoutFD {
        if !drain(entry.fd, into: &stdout) { stdoutFD = nil }
      } else if entry.fd == stderrFD {
        if !drain(entry.fd, into: &stderr) { stderrFD = nil }
      }
    }
  }

  /// Reads what is there; false (and the descriptor closed) at end of file or on error.
  private func drain(_ fd: Int32, into data: inout Data) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 65536)
    let count = read(fd, &buffer, buffer.count)
    if count > 0 {
      data.append(contentsOf: buffer[0..<count])
      return true
    }
    if count < 0 && (errno == EINTR || errno == EAGAIN) { return true }
    _ = close(fd)
    return false
  }

  private mutating func feed() {
    guard let fd = stdinFD else { return }
    let count = input.withUnsafeBytes { bytes -> Int in
      guard let base = bytes.baseAddress else { return 0 }
      return write(fd, base + written, min(bytes.count - written, 65536))
    }
    if count > 0 {
      written += count
      if written >= input.count { closeInput() }
    } else if count < 0 && errno != EINTR && errno != EAGAIN {
      closeInput()  // the child stopped reading (EPIPE)
    }
  }

  private mutating func closeInput() {
    if let fd = stdinFD { _ = close(fd) }
    stdinFD = nil
  }

  /// The exit code once the child has exited.
  private func reap(blocking: Bool) -> Int32? {
    var status: Int32 = 0
    while true {
      let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
      if result == pid { break }
      if result == 0 { return nil }
      if errno != EINTR { return 255 }
    }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}
