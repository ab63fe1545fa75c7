import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The runner's dedicated threads: one waits for the child, one drains each output pipe, one feeds stdin.
extension ProcessRunner {
  /// Largest read, and the most a pump drains after it is told to stop.
  static let chunkSize = 64 * 1024
  static let drainLimit = 4 * 1024 * 1024

  /// Starts the waiter, the two readers and (with input) the writer.
  func startPumps(pid: pid_t, pipes: ChildPipes) {
    condition.lock()
    openReaders = 2
    openPumps = 2 + (pipes.stdin == nil ? 0 : 1)
    condition.unlock()
    startThread("logist-wait-\(pid)") { self.waitForExit(pid) }
    startThread("logist-stdout-\(pid)") { self.drain(pipes.stdout.read, .stdout, wake: pipes.wake.read) }
    startThread("logist-stderr-\(pid)") { self.drain(pipes.stderr.read, .stderr, wake: pipes.wake.read) }
    if let stdin = pipes.stdin, let data = spec.standardInput {
      startThread("logist-stdin-\(pid)") { self.feed(data, to: stdin.write, wake: pipes.wake.read) }
    }
  }

  private func startThread(_ name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.start()
  }

  /// Blocks until the child exits without reaping it (its id stays reserved for the group kill).
  private func waitForExit(_ pid: pid_t) {
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
    condition.lock()
    exited = true
    condition.broadcast()
    condition.unlock()
  }

  /// Reads `fd` until end of file, or until woken; then drains what is left without blocking.
  private func drain(_ fd: Int32, _ channel: OutputChannel, wake: Int32) {
    var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
    reading: while true {
      fds[0].revents = 0
      fds[1].revents = 0
      if poll(&fds, 2, -1) < 0 {
        if errno == EINTR { continue }
        break
      }
      if fds[1].revents != 0 {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var left = Self.drainLimit
        while left > 0 {
          let count = read(fd, &buffer, buffer.count)
          if count < 0 && errno == EINTR { continue }
          guard count > 0 else { break }
          deliver(channel, buffer, count)
          left -= count
        }
        break reading
      }
      if fds[0].revents != 0 {
        let count = read(fd, &buffer, buffer.count)
        if count > 0 {
          deliver(channel, buffer, count)
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
          break
        }
      }
    }
    _ = close(fd)
    condition.lock()
    openReaders -= 1
    openPumps -= 1
    condition.broadcast()
    condition.unlock()
  }

  private func deliver(_ channel: OutputChannel, _ buffer: [UInt8], _ count: Int) {
    let chunk = Data(buffer[0..<count])
    delivery.lock()
    onOutput(channel, chunk)
    delivery.unlock()
  }

  /// Writes `data` to the child's stdin and closes it; gives up when the child stops reading
  /// (EPIPE, with SIGPIPE blocked on this thread) or when woken.
  private func feed(_ data: Data, to fd: Int32, wake: Int32) {
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGPIPE)
    pthread_sigmask(SIG_BLOCK, &blocked, nil)
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    let bytes = [UInt8](data)
    var offset = 0
    var fds = [pollfd(fd: fd, events: Int16(POLLOUT), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
    while offset < bytes.count {
      fds[0].revents = 0
      fds[1].revents = 0
      if poll(&fds, 2, -1) < 0 {
        if errno == EINTR { continue }
        break
      }
      if fds[1].revents != 0 { break }
      let count = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if count > 0 {
        offset += count
      } else if count < 0 && errno != EINTR && errno != EAGAIN {
        break
      }
    }
    _ = close(fd)
    condition.lock()
    openPumps -= 1
    condition.broadcast()
    condition.unlock()
  }
}
