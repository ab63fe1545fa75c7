import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Crash-safe file replacement: temp file, fsync, rename, fsync of the directory.
///
/// A reader (or a process that dies at any moment) sees either the old file or the new one, never a mix.
public enum AtomicFile {
  /// Replaces the file at `url` with `data`; the file gets `mode` (0600 unless said), whatever the umask.
  public static func write(_ data: Data, to url: URL, mode: mode_t = PrivateFiles.fileMode) throws(LogistError) {
    let directory = url.deletingLastPathComponent().path
    let temp = directory + "/." + url.lastPathComponent + ".tmp"
    let fd = try SystemCall.open(temp, O_WRONLY | O_CREAT | O_TRUNC, mode)
    _ = fchmod(fd, mode)
    do throws(LogistError) {
      try SystemCall.writeAll(fd, data, path: temp)
      try SystemCall.fsync(fd, path: temp)
    } catch {
      _ = Glibc.close(fd)
      _ = unlink(temp)
      throw error
    }
    _ = Glibc.close(fd)
    try SystemCall.rename(temp, url.path)
    try SystemCall.fsyncDirectory(directory)
  }
}
