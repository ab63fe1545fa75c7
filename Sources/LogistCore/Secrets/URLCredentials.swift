/// The password of a URL's `scheme://user:password@host`: matched in streaming output (where only the
/// password is replaced, `postgres://app:[redacted]@db/prod`) and taken from environment values, so the
/// password printed on its own is caught too.
enum URLCredentials {
  /// Longest user or password followed.
  static let cap = 512
  private static let separator = Array("://".utf8)

  /// At `index` (a `:`): `://user:password@` → `://user:[redacted]@`.
  static func match(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, final: Bool) -> ShapeMatch {
    switch SecretShapes.has(separator, bytes, at: index) {
    case false?: return .none
    case nil: return final ? .none : .partial
    case true?: break
    }
    let userStart = index + 3
    let userEnd = SecretShapes.run(bytes, from: userStart, cap: cap) { isUserInfo($0) && $0 != 0x3A }
    guard userEnd < bytes.count else { return final || userEnd - userStart >= cap ? .none : .partial }
    guard bytes[userEnd] == 0x3A else { return .none }
    let passwordStart = userEnd + 1
    let passwordEnd = SecretShapes.run(bytes, from: passwordStart, cap: cap, isUserInfo)
    guard passwordEnd < bytes.count else { return final || passwordEnd - passwordStart >= cap ? .none : .partial }
    guard bytes[passwordEnd] == 0x40, passwordEnd > passwordStart else { return .none }
    let replacement =
      Array(bytes[index..<passwordStart]) + Array(SecretRedactor.replacement.utf8) + [0x40]
    return .match(end: passwordEnd + 1, replacement: replacement)
  }

  /// The passwords of the URLs in `text` (an environment value).
  static func passwords(in text: String) -> [String] {
    let bytes = Array(text.utf8)
    var found: [String] = []
    bytes.withUnsafeBufferPointer { buffer in
      var index = 0
      while index < buffer.count {
        if buffer[index] == 0x3A, case .match(let end, _) = match(buffer, at: index, final: true) {
          let inner = buffer[index + 3..<end - 1]
          if let colon = inner.firstIndex(of: 0x3A) {
            found.append(String(decoding: buffer[(colon + 1)..<(end - 1)], as: UTF8.self))
          }
          index = end
          continue
        }
        index += 1
      }
    }
    return found
  }

  /// A byte that may stand in a URL's user information (not `/ ? # @`, space, quotes, brackets, a
  /// backslash or a control).
  static func isUserInfo(_ byte: UInt8) -> Bool {
    guard byte > 0x20, byte != 0x7F else { return false }
    return !"/?#@\"'<>\\[]{}|^`".utf8.contains(byte)
  }
}
