import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The mark every process of a phase run carries in its environment: `LOGIST_RUN_TOKEN=<job key>:<run>`.
///
/// The job key is derived from the job directory's real path, so every run of one job shares the
/// prefix `<job key>:` and no other job (another jobs directory, a dry run's throwaway copy) does.
/// Children inherit the variable, so a process the run started can be found in `/proc/*/environ`
/// after the process that started it (or `logist` itself) is gone.
public struct RunToken: Sendable, Equatable {
  /// The environment variable that carries the token.
  public static let variable = "LOGIST_RUN_TOKEN"
  /// 16 hex digits naming the job directory.
  public let jobKey: String
  /// The run's archive name (`0003-implement`).
  public let run: String

  /// The token of run `run` of the job in `jobDirectory`.
  public init(jobDirectory: URL, run: String) {
    self.jobKey = Self.jobKey(jobDirectory)
    self.run = run
  }

  /// `<job key>:<run>`.
  public var value: String { "\(jobKey):\(run)" }

  /// What every run token of the job in `jobDirectory` starts with.
  public static func jobPrefix(_ jobDirectory: URL) -> String { "\(jobKey(jobDirectory)):" }

  /// FNV-1a (64 bit) of the directory's real path, in hex.
  static func jobKey(_ directory: URL) -> String {
    var path = directory.standardizedFileURL.path
    if let real = realpath(path, nil) {
      path = String(cString: real)
      free(real)
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in path.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
