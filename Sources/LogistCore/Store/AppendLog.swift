import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An append-only JSON Lines file (`events.jsonl`, `ledger.jsonl`): one compact JSON object per line.
///
/// Each append is one `write(2)` with `O_APPEND`, then `fsync`, so a record is on disk before the
/// caller goes on. A crash can leave at most a torn last line: readers skip it, and the next append
/// first ends it with a newline so it never glues onto the new record.
public enum AppendLog {
  /// Appends `line` (compact JSON, no newline) to the file at `url`, creating it.
  public static func append(_ line: Data, to url: URL) throws(LogistError) {
    let path = url.path
    let fd = try SystemCall.open(path, O_WRONLY | O_CREAT | O_APPEND)
    defer { _ = Glibc.close(fd) }
    PrivateFiles.restrict(fd)
    var record = Data()
    if endsTorn(path) { record.append(0x0A) }
    record.append(line)
    record.append(0x0A)
    try SystemCall.writeAll(fd, record, path: path)
    try SystemCall.fsync(fd, path: path)
  }

  /// Appends one value as a compact JSON line.
  public static func append<T: Encodable>(_ value: T, to url: URL) throws(LogistError) {
    let encoder = JSONCoding.encoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let line: Data
    do {
      line = try encoder.encode(value)
    } catch {
      throw LogistError(.system, "cannot encode a record for \(url.path): \(error)")
    }
    try append(line, to: url)
  }

  /// The complete lines of the file (none when it does not exist); a torn last line is left out.
  public static func lines(of url: URL) throws(LogistError) -> [Data] {
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw LogistError(.system, "cannot read \(url.path): check its permissions")
    }
    var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true).map { Data($0) }
    if data.last != 0x0A, !lines.isEmpty { lines.removeLast() }
    return lines
  }

  /// Decodes every complete line as `T`. Lines that do not decode (a torn write that a later append
  /// ended) are left out and their 1-based numbers returned, so a reader can report them.
  public static func records<T: Decodable>(_ type: T.Type, in url: URL) throws(LogistError) -> (
    records: [T], skipped: [Int]
  ) {
    let decoder = JSONCoding.decoder()
    var result: [T] = []
    var skipped: [Int] = []
    for (index, line) in try lines(of: url).enumerated() {
      if let record = try? decoder.decode(T.self, from: line) {
        result.append(record)
      } else {
        skipped.append(index + 1)
      }
    }
    return (result, skipped)
  }

  /// Whether the file exists, is not empty and does not end with a newline.
  private static func endsTorn(_ path: String) -> Bool {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { _ = Glibc.close(fd) }
    let size = lseek(fd, 0, SEEK_END)
    guard size > 0 else { return false }
    var byte: UInt8 = 0
    return pread(fd, &byte, 1, size - 1) == 1 && byte != 0x0A
  }
}
