import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Timing and file-system facts the bench reports.
enum Measure {
  /// Milliseconds `body` took (monotonic clock).
  static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
  }

  /// The median of `samples`.
  static func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// A file's identity: device and inode.
  struct Inode: Hashable {
    /// `st_dev`.
    let device: UInt64
    /// `st_ino`.
    let inode: UInt64
  }

  /// Identities of the regular files below `path` (symbolic links not followed).
  static func fileInodes(under path: String) -> Set<Inode> {
    var result = Set<Inode>()
    guard let walker = FileManager.default.enumerator(atPath: path) else { return result }
    for case let relative as String in walker {
      var info = stat()
      guard lstat(path + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
      result.insert(Inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }
    return result
  }

  /// Allocated bytes below `path` (`du`), every file counted.
  static func diskBytes(_ path: String) -> Int64 {
    var total: Int64 = 0
    guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
    for case let relative as String in walker {
      var info = stat()
      if lstat(path + "/" + relative, &info) == 0 { total += Int64(info.st_blocks) * 512 }
    }
    return total
  }

  /// `12.3 MB`.
  static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
}
