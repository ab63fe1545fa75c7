import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive, non-blocking lock on one job, held for a mutating command's whole duration.
///
/// It is a `flock` on `<jobs-dir>/.locks/<id>.lock`, outside the job directory so a refused command
/// changes nothing in the job. The kernel drops it when the holder dies, even by `kill -9`, which is
/// how a later command knows a running phase's process is gone. The file holds the holder's pid, host
/// and start time for the "locked by" message.
public final class JobLock {
  private let fd: Int32

  private init(fd: Int32) { self.fd = fd }

  deinit { _ = Glibc.close(fd) }

  /// Takes the lock on job `id`, or fails at once naming the holder.
  public static func acquire(id: String, locksDirectory: URL) throws(LogistError) -> JobLock {
    let dir = locksDirectory.path
    try PrivateFiles.createDirectory(locksDirectory)
    let path = dir + "/" + id + ".lock"
    let fd = try SystemCall.open(path, O_RDWR | O_CREAT)
    PrivateFiles.restrict(fd)
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if errno == EINTR { continue }
      let code = errno
      let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
      _ = Glibc.close(fd)
      if code == EWOULDBLOCK {
        let who = (holder?.isEmpty ?? true) ? "another process" : holder ?? ""
        throw LogistError(.locked, "job \(id) is locked by \(who); wait for it to finish or stop that process")
      }
      throw SystemCall.failure("flock", path, code)
    }
    let holder = "pid \(SystemCall.processID()) on \(SystemCall.hostName()) since \(JSONCoding.format(Date()))\n"
    _ = ftruncate(fd, 0)
    _ = pwrite(fd, holder, holder.utf8.count, 0)
    return JobLock(fd: fd)
  }

  /// Whether a process holds the lock on job `id` right now (a read-only probe).
  public static func isHeld(id: String, locksDirectory: URL) -> Bool {
    let path = locksDirectory.path + "/" + id + ".lock"
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { _ = Glibc.close(fd) }
    var result: Int32
    repeat { result = flock(fd, LOCK_SH | LOCK_NB) } while result != 0 && errno == EINTR
    return result != 0 && errno == EWOULDBLOCK
  }
}
