import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension SSHTransport {
  /// Creates the connection-sharing directory (mode 0700) when missing; refuses one that another user
  /// owns or others can enter, since its sockets are live logins to the hosts.
  static func prepareControlDirectory(_ path: String) throws(LogistError) {
    if mkdir(path, 0o700) != 0 && errno != EEXIST { throw SystemCall.failure("mkdir", path) }
    var info = stat()
    guard lstat(path, &info) == 0 else { throw SystemCall.failure("stat", path) }
    let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
    guard isDirectory, info.st_uid == getuid(), info.st_mode & 0o077 == 0 else {
      throw .invalid(
        "ssh control directory \(path) must be a directory of yours with mode 0700; remove it or choose another")
    }
  }
}
