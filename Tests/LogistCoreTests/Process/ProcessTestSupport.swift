import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// Collects a child's output as the runner hands it over.
final class OutputCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var chunks: [OutputChannel: Data] = [:]
  private var calls = 0
  private var concurrent = 0
  private var overlapped = false

  /// The callback to give the runner.
  var callback: @Sendable (OutputChannel, Data) -> Void {
    { channel, data in self.append(channel, data) }
  }

  private func append(_ channel: OutputChannel, _ data: Data) {
    lock.withLock {
      concurrent += 1
      if concurrent > 1 { overlapped = true }
      chunks[channel, default: Data()].append(data)
      calls += 1
    }
    lock.withLock { concurrent -= 1 }
  }

  func data(_ channel: OutputChannel) -> Data { lock.withLock { chunks[channel] ?? Data() } }
  func text(_ channel: OutputChannel) -> String { String(decoding: data(channel), as: UTF8.self) }
  var chunkCount: Int { lock.withLock { calls } }
}

enum ProcessProbe {
  /// Whether `pid` is a live process (a zombie or a missing entry counts as gone).
  static func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    return state != "Z" && state != "X"
  }

  /// Waits up to `seconds` for `pid` to be gone.
  static func waitGone(_ pid: Int32, seconds: Double = 3) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
      if !isAlive(pid) { return true }
      usleep(20_000)
    }
    return !isAlive(pid)
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("logist-process-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A spec running a shell script.
  static func shell(
    _ script: String, timeout: Double? = nil, grace: Double = 10, drain: Double = 1, stdin: Data? = nil,
    environment: [String: String] = ["PATH": "/usr/local/bin:/usr/bin:/bin"], directory: String = "/"
  ) -> ProcessSpec {
    ProcessSpec(
      arguments: ["sh", "-c", script], environment: environment, workingDirectory: directory, standardInput: stdin,
      timeout: timeout, gracePeriod: grace, drainWindow: drain)
  }

  /// Runs `body` on a new thread and waits for it (to set a thread's signal mask without touching the test's).
  static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T? {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    let thread = Thread {
      box.value = body()
      done.signal()
    }
    thread.start()
    done.wait()
    return box.value
  }
}

final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}
