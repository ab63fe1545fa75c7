import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What the index remembers of a file to notice it changed: modification time (ns) and size.
///
/// Manifests are replaced by rename, so any save gives a new stamp.
struct FileStamp: Equatable {
  /// Modification time in nanoseconds since 1970.
  let mtimeNanoseconds: Int64
  /// Size in bytes.
  let size: Int64

  /// The stamp of the file at `path`, nil when it does not exist.
  static func of(_ path: String) -> FileStamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileStamp(info)
  }

  /// The stamp from a `stat` result.
  init(_ info: stat) {
    mtimeNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    size = Int64(info.st_size)
  }

  /// A stamp from stored values.
  init(mtimeNanoseconds: Int64, size: Int64) {
    self.mtimeNanoseconds = mtimeNanoseconds
    self.size = size
  }

  /// Reads a whole file and the stamp of exactly those bytes (through one descriptor, so a rename in
  /// between cannot mix an old stamp with new bytes).
  static func read(_ path: String) -> (data: Data, stamp: FileStamp)? {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    var info = stat()
    guard fstat(fd, &info) == 0, let data = try? handle.readToEnd() else { return nil }
    return (data ?? Data(), FileStamp(info))
  }
}
