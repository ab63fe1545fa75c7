import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `runs/NNNN-<phase>/agent.log`: the agent's output as it arrives (already redacted), standard error
/// lines marked `[stderr] `, and Logist's own `=== logist: …` lines; capped at `logLimitBytes`
/// (``CappedLog``).
///
/// Lines of the two streams are not mixed: a stream's unfinished line waits (up to 64 KiB) until its
/// newline arrives. A longer one is written as it comes, and a line of the other stream that
/// arrives meanwhile starts on a line of its own.
final class AgentLog: @unchecked Sendable {
  /// Most of an unfinished line held back.
  static let holdLimit = 64 * 1024
  private let file: CappedLog
  private var held: [OutputChannel: [UInt8]] = [.stdout: [], .stderr: []]
  /// The stream whose line the log is in the middle of.
  private var open: OutputChannel?
  /// The path shown to the user, relative to the job (`runs/0001-implement/agent.log`).
  let display: String

  /// Opens (creating, or appending to) the log in `runDirectory`, capped at `limit` bytes of output.
  init(runDirectory: URL, limit: Int = CappedLog.defaultLimit) {
    file = CappedLog(url: runDirectory.appendingPathComponent("agent.log"), limit: limit, append: true)
    display = "runs/\(runDirectory.lastPathComponent)/agent.log"
  }

  /// Adds output of `channel`: its finished lines at once, its unfinished line when it ends.
  func write(_ channel: OutputChannel, _ data: Data) {
    data.withUnsafeBytes { raw in
      guard raw.count > 0 else { return }
      let held = self.held[channel] ?? []
      guard let end = Self.endOfLastLine(raw) else {
        if held.count + raw.count <= Self.holdLimit {
          self.held[channel, default: []].append(contentsOf: Self.bytes(raw))
        } else {
          release(channel)
          emit(channel, raw, ended: false)
        }
        return
      }
      release(channel)
      emit(channel, UnsafeRawBufferPointer(rebasing: raw[..<end]), ended: true)
      let rest = UnsafeRawBufferPointer(rebasing: raw[end...])
      if rest.count <= Self.holdLimit {
        self.held[channel, default: []].append(contentsOf: Self.bytes(rest))
      } else {
        emit(channel, rest, ended: false)
      }
    }
  }

  /// Writes the unfinished lines of both streams, each ended with a newline (the end of a process).
  func endLines() {
    release(.stdout)
    release(.stderr)
    if open != nil { file.write(Data([0x0A])) }
    open = nil
  }

  /// Appends one line of Logist's own (`=== logist: …`), after the tail of the output it holds.
  func note(_ text: String) {
    endLines()
    file.note(text)
  }

  /// Writes the held unfinished line of `channel` as it is.
  private func release(_ channel: OutputChannel) {
    guard let bytes = held[channel], !bytes.isEmpty else { return }
    held[channel] = []
    bytes.withUnsafeBytes { emit(channel, $0, ended: false) }
  }

  /// Writes `bytes` of `channel`, each line of standard error after `[stderr] `; `ended` when they end a line.
  private func emit(_ channel: OutputChannel, _ bytes: UnsafeRawBufferPointer, ended: Bool) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    if let open, open != channel { file.write(Data([0x0A])) }
    let atStart = open != channel
    open = ended ? nil : channel
    guard channel == .stderr else { return file.write(bytes) }
    var marked: [UInt8] = []
    marked.reserveCapacity(bytes.count + 256)
    var start = 0
    var lineStart = atStart
    while start < bytes.count {
      if lineStart { marked.append(contentsOf: Self.stderrMark) }
      let found = memchr(base + start, 0x0A, bytes.count - start)
      let end = found.map { base.distance(to: UnsafeRawPointer($0)) + 1 } ?? bytes.count
      marked.append(contentsOf: Self.bytes(UnsafeRawBufferPointer(rebasing: bytes[start..<end])))
      start = end
      lineStart = true
    }
    marked.withUnsafeBytes { file.write($0) }
  }

  /// The index just past the last newline of `raw`; nil when it has none.
  private static func endOfLastLine(_ raw: UnsafeRawBufferPointer) -> Int? {
    guard let base = raw.baseAddress else { return nil }
    var end: Int?
    var start = 0
    while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
      start = base.distance(to: UnsafeRawPointer(found)) + 1
      end = start
    }
    return end
  }

  /// `raw` as typed bytes, for fast appends.
  private static func bytes(_ raw: UnsafeRawBufferPointer) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
  }

  private static let stderrMark = Array("[stderr] ".utf8)
}
