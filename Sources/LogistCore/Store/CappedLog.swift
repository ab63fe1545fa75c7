import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A log file of a child's output (`agent.log`, `render.log`) that never grows past its limit
/// however much is printed: the first bytes go straight to the file (the head), the last
/// ``tailCapacity`` bytes wait in memory (the tail) and are written, after a marker line saying how
/// many bytes were dropped between them, at the next ``note(_:)`` or ``close()``.
///
/// Each span of output between two notes that overflows keeps its own tail, so a log that fills up in
/// one try of an agent still shows the end of the next. Once output is dropped a line says so at
/// once, after the head (a live reader sees why the log stops growing). A `logist` killed with
/// SIGKILL loses the tail it held; the head stays. Write errors are ignored: a log never fails a run.
final class CappedLog: @unchecked Sendable {
  /// The default limit (`logLimitBytes`): 50 MiB.
  static let defaultLimit = 50 * 1024 * 1024
  /// The largest tail held in memory: 4 MiB.
  static let maximumTail = 4 * 1024 * 1024

  /// Most output bytes kept: head plus tail.
  let limit: Int
  /// Bytes of output kept from the end of a span that overflows: half the limit, at most 4 MiB.
  let tailCapacity: Int
  private let fd: Int32
  private let name: String
  /// Output bytes in the file.
  private var written = 0
  private var tail: TailBuffer
  private var endsLine = true
  private var announced = false
  private var headFull = false
  private var closed = false

  /// Opens `url` for a capped log of at most `limit` output bytes; `append` keeps what it holds. Its
  /// lines call it `name` (default: the file's name).
  init(url: URL, limit: Int = CappedLog.defaultLimit, append: Bool = false, name: String? = nil) {
    self.limit = max(limit, 2)
    tailCapacity = min(self.limit / 2, Self.maximumTail)
    tail = TailBuffer(capacity: tailCapacity)
    self.name = name ?? url.lastPathComponent
    fd = open(url.path, O_CREAT | O_CLOEXEC | (append ? O_RDWR | O_APPEND : O_WRONLY | O_TRUNC), 0o600)
    if append && fd >= 0 {
      let size = lseek(fd, 0, SEEK_END)
      if size > 0 {
        written = Int(size)
        var last: UInt8 = 0
        endsLine = pread(fd, &last, 1, size - 1) != 1 || last == 0x0A
      }
    }
  }

  deinit { close() }

  /// The bytes kept at the start of the output.
  var headLimit: Int { limit - tailCapacity }

  /// Adds output: to the file while the head has room, else to the tail.
  func write(_ data: Data) {
    data.withUnsafeBytes { write($0) }
  }

  /// Adds output: to the file while the head has room, else to the tail. The head ends at the end of
  /// a line when one is within ``snap`` bytes of its limit and half of it.
  func write(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    var direct = 0
    if !headFull {
      direct = min(max(headLimit - written, 0), bytes.count)
      if direct < bytes.count {
        headFull = true
        let part = UnsafeRawBufferPointer(start: base, count: direct)
        let nearest = min(headLimit / 2, Self.snap)
        if let end = Self.lastLineEnd(part), headLimit - (written + end) <= nearest {
          direct = end
        } else if endsLine && headLimit - written <= nearest {
          direct = 0
        }
      }
      raw(UnsafeRawBufferPointer(start: base, count: direct))
      written += direct
      if direct == bytes.count { return }
    }
    tail.append(UnsafeRawBufferPointer(start: base + direct, count: bytes.count - direct))
    if !announced && tail.dropped > 0 {
      announced = true
      line(
        "\(name) is over its limit (logLimitBytes \(limit)): of the output that follows only the last "
          + "\(Self.size(tailCapacity)) is kept, written when it ends")
    }
  }

  /// Writes what the tail holds, after the marker when bytes were dropped, then one line of
  /// Logist's own: `=== logist: <text>`.
  func note(_ text: String) {
    flush()
    line(text)
  }

  /// Writes what the tail holds (after the marker line when bytes were dropped); the next output
  /// that does not fit in the head starts a new tail.
  func flush() {
    guard !tail.isEmpty else { return }
    var data = tail.data
    var dropped = tail.dropped
    tail.removeAll()
    if dropped > 0, let start = Self.firstLineStart(data, within: min(data.count / 2, Self.snap)) {
      // The tail starts at a line's start when one is near.
      data.removeSubrange(data.startIndex..<(data.startIndex + start))
      dropped += start
    }
    if dropped > 0 {
      line("\(dropped) bytes of output dropped here (logLimitBytes \(limit)); its last \(data.count) bytes follow")
    }
    data.withUnsafeBytes { raw($0) }
    written += data.count
  }

  /// Flushes the tail and closes the file (once).
  func close() {
    guard fd >= 0, !closed else { return }
    flush()
    closed = true
    _ = Glibc.close(fd)
  }

  /// How far from its limit the head may end, or the tail may start, to do so at a line's end (and
  /// never more than half of its size).
  static let snap = 4096

  /// The index just past the last newline among the last ``snap`` bytes of `bytes`.
  private static func lastLineEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var end: Int?
    var start = max(bytes.count - snap, 0)
    while start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
      start = base.distance(to: UnsafeRawPointer(found)) + 1
      end = start
    }
    return end
  }

  /// The index just past the first newline among the first `within` bytes of `data`.
  private static func firstLineStart(_ data: Data, within: Int) -> Int? {
    data.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress, let found = memchr(base, 0x0A, min(bytes.count, within)) else { return nil }
      return base.distance(to: UnsafeRawPointer(found)) + 1
    }
  }

  /// `=== logist: <text>` on a line of its own.
  private func line(_ text: String) {
    var bytes = Data()
    if !endsLine { bytes.append(0x0A) }
    bytes.append(contentsOf: "=== logist: \(text)\n".utf8)
    bytes.withUnsafeBytes { raw($0) }
  }

  private func raw(_ bytes: UnsafeRawBufferPointer) {
    guard fd >= 0, !closed, var base = bytes.baseAddress, bytes.count > 0 else { return }
    endsLine = bytes[bytes.count - 1] == 0x0A
    var left = bytes.count
    while left > 0 {
      let count = Glibc.write(fd, base, left)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return }
      left -= count
      base += count
    }
  }

  /// `48 MiB`, `512 KiB` or `100 bytes`.
  static func size(_ bytes: Int) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }
}
