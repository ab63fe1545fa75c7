import Foundation
import LogistCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Arguments that break naive quoting (the same list as LogistCoreTests' `ShellQuoteTests`): each must
/// reach the program on the far side of ssh unchanged.
let hostileArguments = [
  "plain", "two words", "it's", "say \"hi\"", "a;b", "x && y", "$(touch /tmp/logist-pwned)",
  "`touch /tmp/logist-pwned`",
  "$HOME", "${PATH}", "*", "?.txt", "[ab]", "~", "~root", "line1\nline2", "", " ", "\t", "trailing\n", "-n", "--",
  "#comment", "a|b", "a>b", "<in", "(sub)", "{a,b}", "!!", "a=b", "'", "''", "'\\''", "\\", "\\n", "ünïcødé 日本語 🚀",
  "e\u{301}'\u{301};touch /tmp/logist-pwned", "%s %d", "back\\slash'quote\"double", "semi;'quote;\"",
]

/// The real executor, counting the programs it runs (to prove what was retried and what was not).
final class CountingExecutor: CommandExecutor {
  private let inner = SpawnCommandExecutor()
  private let calls = Mutex<[[String]]>([])

  /// Every argv run so far.
  var argvs: [[String]] { calls.withLock { $0 } }

  func run(_ argv: [String], stdin: Data?, timeout: Double?) throws(LogistError) -> CommandResult {
    calls.withLock { $0.append(argv) }
    return try inner.run(argv, stdin: stdin, timeout: timeout)
  }
}

/// A loopback TCP port bound but not listening: connections to it are refused, and no one else can
/// take it while this lives.
final class ClosedPort {
  let port: Int
  private let fd: Int32

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
      }
    }
    guard fd >= 0, bound else {
      close(fd)
      throw RigError("cannot bind a loopback port")
    }
    self.fd = fd
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  deinit { close(fd) }
}

/// A fresh id for names that must not collide between tests (`t1a2b3c4`).
func uniqueID() -> String { "t" + UUID().uuidString.prefix(8).lowercased() }
