import Foundation
import Synchronization

/// Follows a render container's log while it runs (`docker logs --follow`): every chunk is appended
/// to `render.log` as it arrives, capped at `logLimitBytes` (``CappedLog``), and its last line becomes
/// the status line's activity. A dropped connection is followed again (only new output, bounded by the
/// retry policy); the complete log (capped the same way) replaces the live copy once the container is
/// collected, so nothing lost in a gap stays lost.
final class LogFollower: Sendable {
  private let docker: DockerHost
  private let id: String
  private let file: URL
  private let limit: Int
  private let activity: AgentActivity?
  private let redaction: Mutex<RedactingStream>
  private let stopper = CommandStop()
  private let done = Mutex(false)
  private let finished = NSCondition()

  /// A follower of container `id` writing into `file`, capped at `limit` bytes of output, its secrets
  /// redacted by `redactor`.
  init(docker: DockerHost, id: String, file: URL, limit: Int, activity: AgentActivity?, redactor: SecretRedactor) {
    self.redaction = Mutex(redactor.stream())
    self.docker = docker
    self.id = id
    self.file = file
    self.limit = limit
    self.activity = activity
  }

  /// Starts following on a thread of its own.
  func start() {
    FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
    let thread = Thread { [self] in
      follow()
      finished.lock()
      done.withLock { $0 = true }
      finished.broadcast()
      finished.unlock()
    }
    thread.stackSize = 1 << 19
    thread.start()
  }

  /// Waits up to `seconds` for the log to end by itself (it does once the container stops), then stops it.
  func finish(within seconds: Double) {
    finished.lock()
    let end = Date().addingTimeInterval(seconds)
    while !done.withLock({ $0 }) && finished.wait(until: end) {}
    finished.unlock()
    stopper.stop("the container has stopped")
  }

  /// Stops following at once.
  func stop() { stopper.stop("no longer followed") }

  private func follow() {
    let log = CappedLog(url: file, limit: limit)
    defer {
      log.write(redaction.withLock { $0.finish() })
      log.close()
    }
    var hooks = CommandHooks(stop: stopper) { [self] _, chunk in
      let clean = redaction.withLock { $0.feed(chunk) }
      log.write(clean)
      note(clean)
    }
    hooks.keepsOutput = false
    var drops = 0
    while stopper.reason == nil {
      do throws(LogistError) {
        _ = try docker.follow(id, onlyNew: drops > 0, hooks: hooks)
        return
      } catch  where error.kind == .transport && drops < docker.retry.delays.count {
        Thread.sleep(forTimeInterval: docker.retry.delays[drops])
        drops += 1
      } catch {
        return
      }
    }
  }

  private func note(_ chunk: Data) {
    let text = String(decoding: chunk.suffix(4096), as: UTF8.self)
    guard let line = text.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }) else {
      return
    }
    let shown = String(line.prefix(120))
    activity?.update(usage: activity?.snapshot?.usage ?? .zero, lastActivity: "render: " + shown)
  }
}
