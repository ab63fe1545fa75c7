/// What a secret shape makes of the bytes at one position.
enum ShapeMatch: Equatable {
  /// No secret starts here.
  case none
  /// A secret may start here, but the bytes end too soon to tell (only when more may follow).
  case partial
  /// A secret runs to `end` (exclusive); it is replaced by `replacement`.
  case match(end: Int, replacement: [UInt8])
}

/// Well-known secret shapes, recognised whatever variable they came from: API tokens (Anthropic and
/// OpenAI `sk-…`, GitHub `ghp_…`/`github_pat_…`, GitLab `glpat-…`, Slack `xox?-…`), AWS access key ids
/// (`AKIA…`/`ASIA…`), JWTs, PEM private key blocks, and the password of a URL's `user:password@`.
///
/// Matching is on bytes, so it works on output as it streams; nothing is held back longer than
/// ``window`` bytes.
enum SecretShapes {
  /// The longest a match may need to be held back before it is decided (a PEM block).
  static let window = 16 * 1024
  /// The longest token body followed before the token is cut there.
  static let tokenCap = 4096
  /// `secondBytes[a][b]`: some shape may start with bytes `a`, `b`.
  static let secondBytes: [[Bool]] = {
    var table = [[Bool]](repeating: [Bool](repeating: false, count: 256), count: 256)
    for pair in ["sk", "gh", "gi", "gl", "xo", "AK", "AS", "ey", ":/", "--"] {
      let bytes = Array(pair.utf8)
      table[Int(bytes[0])][Int(bytes[1])] = true
    }
    return table
  }()
  /// `starts[b]`: some shape may start with byte `b`.
  static let starts: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for byte in "sgxAe:-".utf8 { table[Int(byte)] = true }
    return table
  }()

  private static let redacted = Array(SecretRedactor.replacement.utf8)
  private static let jwtPrefix = Array("eyJ".utf8)
  private static let dashes = Array("-----".utf8)
  private static let pemWords = ["BEGIN": Array("-----BEGIN ".utf8), "END": Array("-----END ".utf8)]

  /// A token: a fixed prefix, then a body of `body` bytes at least `minimum` long.
  struct Token {
    let prefix: [UInt8]
    let body: @Sendable (UInt8) -> Bool
    let minimum: Int
    /// Exactly `minimum` body bytes, and no letter or digit after them.
    var exact = false
    /// Must not follow a letter, digit or `_` (a JSON `\n`-style escape counts as a boundary).
    var boundary = false
    /// The body holds at least one digit.
    var digit = false
  }

  static let tokens: [Token] = {
    var list = [
      Token(prefix: Array("sk-".utf8), body: isTokenByte, minimum: 20, boundary: true, digit: true),
      Token(prefix: Array("github_pat_".utf8), body: { isAlphanumeric($0) || $0 == 0x5F }, minimum: 20),
      Token(prefix: Array("glpat-".utf8), body: isTokenByte, minimum: 20),
      Token(prefix: Array("AKIA".utf8), body: isUpperOrDigit, minimum: 16, exact: true, boundary: true),
      Token(prefix: Array("ASIA".utf8), body: isUpperOrDigit, minimum: 16, exact: true, boundary: true),
    ]
    for letter in "pousr" {
      list.append(Token(prefix: Array("gh\(letter)_".utf8), body: isAlphanumeric, minimum: 30))
    }
    for letter in "bpaser" {
      list.append(Token(prefix: Array("xox\(letter)-".utf8), body: { isAlphanumeric($0) || $0 == 0x2D }, minimum: 10))
    }
    return list
  }()

  /// The shape starting at `index`, if any.
  static func match(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, final: Bool) -> ShapeMatch {
    // Most bytes that may start a shape are ordinary letters: rule them out on the next byte.
    if index + 1 < bytes.count, !secondBytes[Int(bytes[index])][Int(bytes[index + 1])] { return .none }
    switch bytes[index] {
    case UInt8(ascii: ":"): return URLCredentials.match(bytes, at: index, final: final)
    case UInt8(ascii: "-"): return pem(bytes, at: index, final: final)
    case UInt8(ascii: "e"): return jwt(bytes, at: index, final: final)
    default:
      var result = ShapeMatch.none
      for token in tokens where token.prefix[0] == bytes[index] {
        let found = match(token, bytes, at: index, final: final)
        if case .match = found { return found }
        if found == .partial { result = .partial }
      }
      return result
    }
  }

  /// Whether `literal` is at `index`: true, false, or nil when the bytes end in the middle of it.
  static func has(_ literal: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool? {
    let available = min(literal.count, bytes.count - index)
    for offset in 0..<available where bytes[index + offset] != literal[offset] { return false }
    return available == literal.count ? true : nil
  }

  /// The end of the run of `accept` bytes from `start` (at most `cap` long).
  static func run(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, cap: Int, _ accept: (UInt8) -> Bool) -> Int {
    var end = start
    while end < bytes.count, end - start < cap, accept(bytes[end]) { end += 1 }
    return end
  }

  private static func match(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, final: Bool)
    -> ShapeMatch
  {
    if token.boundary && !isBoundary(bytes, before: index) { return .none }
    switch has(token.prefix, bytes, at: index) {
    case false?: return .none
    case nil: return final ? .none : .partial
    case true?: break
    }
    let start = index + token.prefix.count
    let cap = token.exact ? token.minimum + 1 : tokenCap
    let end = run(bytes, from: start, cap: cap, token.body)
    if end == bytes.count && !final && end - start < cap { return .partial }
    let length = end - start
    guard token.exact ? length == token.minimum : length >= token.minimum else { return .none }
    if token.exact, end < bytes.count, isAlphanumeric(bytes[end]) { return .none }
    if token.digit, !bytes[start..<end].contains(where: { (0x30...0x39).contains($0) }) { return .none }
    return .match(end: end, replacement: redacted)
  }

  /// `eyJ…​.eyJ…​.…`: three base64url segments of at least 10 bytes, the first starting `eyJ`.
  private static func jwt(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, final: Bool) -> ShapeMatch {
    guard isBoundary(bytes, before: index) else { return .none }
    switch has(jwtPrefix, bytes, at: index) {
    case false?: return .none
    case nil: return final ? .none : .partial
    case true?: break
    }
    var position = index
    for segment in 0..<3 {
      let end = run(bytes, from: position, cap: tokenCap, isTokenByte)
      if end == bytes.count && !final && end - position < tokenCap { return .partial }
      guard end - position >= 10 else { return .none }
      position = end
      if segment < 2 {
        guard position < bytes.count else { return final ? .none : .partial }
        guard bytes[position] == UInt8(ascii: ".") else { return .none }
        position += 1
      }
    }
    return .match(end: position, replacement: redacted)
  }

  /// `-----BEGIN … PRIVATE KEY-----` to the matching `-----END … PRIVATE KEY-----` line.
  private static func pem(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, final: Bool) -> ShapeMatch {
    guard let end = pemMarker("BEGIN", bytes, at: index) else { return .none }
    if end < 0 { return final ? .none : .partial }
    var position = end
    while position < bytes.count, position - index < window {
      if bytes[position] == UInt8(ascii: "-"), let close = pemMarker("END", bytes, at: position) {
        if close > 0 { return .match(end: close, replacement: redacted) }
        break
      }
      position += 1
    }
    if !final && bytes.count - index < window { return .partial }
    return .match(end: min(bytes.count, index + window), replacement: redacted)
  }

  /// The end of `-----WORD … PRIVATE KEY-----` at `index`; -1 when the bytes end too soon; nil if not.
  private static func pemMarker(_ word: String, _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    switch has(pemWords[word] ?? [], bytes, at: index) {
    case false?: return nil
    case nil: return -1
    case true?: break
    }
    let start = index + word.utf8.count + 6
    let end = run(bytes, from: start, cap: 60) { isUpperOrDigit($0) || $0 == 0x20 }
    switch has(dashes, bytes, at: end) {
    case false?: return nil
    case nil: return -1
    case true?: break
    }
    guard end - start >= 11, bytes[start..<end].suffix(11).elementsEqual("PRIVATE KEY".utf8) else { return nil }
    return end + 5
  }

  /// Not after a letter, digit or `_`, or right after a JSON escape such as `\n`.
  static func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
    guard index > 0 else { return true }
    let previous = bytes[index - 1]
    if !isAlphanumeric(previous) && previous != 0x5F { return true }
    return index >= 2 && bytes[index - 2] == 0x5C && "ntr".utf8.contains(previous)
  }

  @Sendable static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  @Sendable static func isUpperOrDigit(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
  }

  /// A base64url byte (letters, digits, `-`, `_`).
  @Sendable static func isTokenByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == 0x2D || byte == 0x5F }
}
