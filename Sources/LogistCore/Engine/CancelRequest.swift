import Foundation

/// `<job>/cancel.request`: how `job cancel` reaches the process that holds a job's lock. The canceller
/// writes it; the runner watches for it while a phase runs (and before starting one), stops the run,
/// cancels the job and removes it. A request whose runner died is honoured by the next command that
/// takes the lock.
struct CancelRequest: Codable, Sendable {
  /// When it was made.
  var requestedAt: Date
  /// The `logist job cancel` process.
  var pid: Int32
  /// Its host.
  var host: String

  /// The request file of the job in `jobDirectory`.
  static func url(in jobDirectory: URL) -> URL { jobDirectory.appendingPathComponent("cancel.request") }

  /// The pending request of the job in `jobDirectory`, if there is one (a torn file still counts).
  static func pending(in jobDirectory: URL) -> CancelRequest? {
    guard let data = FileManager.default.contents(atPath: url(in: jobDirectory).path) else { return nil }
    return (try? JSONCoding.decoder().decode(CancelRequest.self, from: data))
      ?? CancelRequest(requestedAt: Date(), pid: 0, host: "?")
  }

  /// Writes it atomically.
  func write(in jobDirectory: URL) throws(LogistError) {
    let data: Data
    do {
      data = try JSONCoding.encoder().encode(self)
    } catch {
      throw LogistError(.system, "cannot encode the cancel request: \(error)")
    }
    try AtomicFile.write(data, to: Self.url(in: jobDirectory))
  }

  /// Removes the request of the job in `jobDirectory` (handled, or withdrawn).
  static func remove(in jobDirectory: URL) { try? FileManager.default.removeItem(at: url(in: jobDirectory)) }

  /// Who asked, for summaries.
  var requester: String { pid > 0 ? "logist job cancel (pid \(pid) on \(host))" : "logist job cancel" }

  /// Stops `control` as soon as a request appears for the job in `jobDirectory`: polls every 0.2 s on a
  /// thread of its own until the run ends.
  static func watch(_ jobDirectory: URL, control: RunControl) {
    let thread = Thread {
      while control.pause(0.2, clock: SystemClock()) {
        if let request = pending(in: jobDirectory) {
          control.stop(.cancelled("requested by \(request.requester)"))
          return
        }
      }
    }
    thread.stackSize = 1 << 18
    thread.start()
  }
}
