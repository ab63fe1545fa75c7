import Foundation

/// Moves files to and from a render host over an `SSHTransport` (plain `cat` through ssh's standard
/// input and output) and verifies every transfer by SHA-256: computed here by `SHA256`, there by
/// `sha256sum`. Every operation writes to a temporary name or only reads, so all are retried after a
/// dropped connection.
public struct RemoteFiles: Sendable {
  /// The transport to the host.
  public let transport: SSHTransport
  /// Backoff for dropped connections.
  public let retry: RetryPolicy

  /// Files on `transport`'s host.
  public init(_ transport: SSHTransport, retry: RetryPolicy = .standard) {
    self.transport = transport
    self.retry = retry
  }

  /// Writes `data` to `path` on the host (parent directories created) with permission `mode`: into
  /// `path.logist-part` created under umask 077, renamed over `path` once complete; returns the SHA-256,
  /// which the host's own hash of the file matched. (The parent's name keeps trailing newlines: `printf x`
  /// protects them from `$(…)`.)
  @discardableResult
  public func upload(_ data: Data, to path: String, mode: Int = 0o644) throws(LogistError) -> String {
    let script = """
      set -e; umask 077; part="$1.logist-part"; dir=$(dirname -- "$1"; printf x); dir=${dir%?}; dir=${dir%?}
      mkdir -p -- "$dir"; cat > "$part"; chmod "$2" "$part"; mv -f -- "$part" "$1"; sha256sum < "$1"
      """
    let command = RemoteCommand(["sh", "-c", script, "sh", path, String(mode, radix: 8)], safeToRetry: true)
    let result = try transport.run(command, stdin: data, retry: retry)
    guard result.exitCode == 0 else {
      throw LogistError(.system, "upload to \(path) on \(transport.label) failed: \(describe(result))")
    }
    let local = SHA256.hex(data)
    let remote = String(result.output.prefix(64))
    guard remote == local else {
      throw LogistError(
        .system, "upload to \(path) on \(transport.label): sha256 there is \(remote), here \(local); upload again")
    }
    return local
  }

  /// The contents of `path` on the host, nil when it is not a regular file there; verified against the
  /// host's SHA-256 of the file, sent first (68 bytes: 64 hex digits, two spaces, `-`, newline).
  public func download(_ path: String) throws(LogistError) -> Data? {
    let script = #"[ -f "$1" ] || exit 3; sha256sum < "$1" && cat < "$1""#
    let command = RemoteCommand(["sh", "-c", script, "sh", path], safeToRetry: true)
    let result = try transport.run(command, retry: retry)
    if result.exitCode == 3 { return nil }
    let header = 68
    guard result.exitCode == 0, result.stdout.count >= header else {
      throw LogistError(.system, "download of \(path) from \(transport.label) failed: \(describe(result))")
    }
    let remote = String(decoding: result.stdout.prefix(64), as: UTF8.self)
    let data = Data(result.stdout.dropFirst(header))
    let local = SHA256.hex(data)
    guard remote == local else {
      throw LogistError(
        .system, "download of \(path) from \(transport.label): sha256 there is \(remote), here \(local); try again")
    }
    return data
  }

  /// Removes `path` on the host if it exists (a secrets file after the run).
  public func remove(_ path: String) throws(LogistError) {
    let result = try transport.run(RemoteCommand(["rm", "-f", "--", path], safeToRetry: true), retry: retry)
    guard result.exitCode == 0 else {
      throw LogistError(.system, "cannot remove \(path) on \(transport.label): \(describe(result))")
    }
  }

  /// Creates directory `path` and its parents on the host.
  public func makeDirectory(_ path: String) throws(LogistError) {
    let result = try transport.run(RemoteCommand(["mkdir", "-p", "--", path], safeToRetry: true), retry: retry)
    guard result.exitCode == 0 else {
      throw LogistError(.system, "cannot create directory \(path) on \(transport.label): \(describe(result))")
    }
  }

  /// Creates directory `path` (relative paths start in the ssh user's home, or the current directory for
  /// `local`) and returns its absolute, symlink-free path, as docker's bind mounts need.
  public func absoluteDirectory(_ path: String) throws(LogistError) -> String {
    let script = #"mkdir -p -- "$1" && cd -- "$1" && pwd -P"#
    let result = try transport.run(RemoteCommand(["sh", "-c", script, "sh", path], safeToRetry: true), retry: retry)
    let resolved = String(result.output.dropLast(result.output.hasSuffix("\n") ? 1 : 0))
    guard result.exitCode == 0, resolved.hasPrefix("/") else {
      throw LogistError(.system, "cannot create directory \(path) on \(transport.label): \(describe(result))")
    }
    return resolved
  }

  private func describe(_ result: CommandResult) -> String {
    let line = result.errorLine
    return line.isEmpty ? "exit \(result.exitCode)" : "\(line) (exit \(result.exitCode))"
  }
}
