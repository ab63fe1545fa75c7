import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Space taken on disk by directory trees, as `du` counts it: allocated blocks (`st_blocks * 512`), symbolic
/// links not followed, a file with several hard links inside the trees counted once.
enum DiskUsage {
  /// Allocated bytes of `paths` and everything below them (a missing path counts 0).
  static func allocatedBytes(_ paths: [String]) throws(LogistError) -> Int64 {
    var seen = Set<FileIdentity>()
    var total: Int64 = 0
    for path in paths { total += try allocatedBytes(path, seen: &seen) }
    return total
  }

  /// A file's identity: device and inode.
  private struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
  }

  private static func allocatedBytes(_ path: String, seen: inout Set<FileIdentity>) throws(LogistError) -> Int64 {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      if errno == ENOENT { return 0 }
      throw SystemCall.failure("lstat", path)
    }
    if info.st_nlink > 1, info.st_mode & S_IFMT != S_IFDIR {
      guard seen.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
        return 0
      }
    }
    var total = Int64(info.st_blocks) * 512
    guard info.st_mode & S_IFMT == S_IFDIR else { return total }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      throw LogistError(.system, "cannot read \(path): \(error.localizedDescription)")
    }
    for name in names { total += try allocatedBytes(path + "/" + name, seen: &seen) }
    return total
  }

  /// Removes `path` and everything below it; a missing path is not an error.
  static func remove(_ path: String) throws(LogistError) {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      if errno == ENOENT { return }
      throw SystemCall.failure("lstat", path)
    }
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw LogistError(
        .system, "cannot remove \(path): \(error.localizedDescription); check its permissions and remove it by hand")
    }
  }
}
