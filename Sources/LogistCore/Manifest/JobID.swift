/// Job ids: `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`, safe as a directory name.
public enum JobID {
  /// Throws unless `id` is a valid job id; the message says what is allowed.
  public static func validate(_ id: String) throws(LogistError) {
    let bytes = Array(id.utf8)
    let ok =
      !bytes.isEmpty && bytes.count <= 64 && isAlnum(bytes[0])
      && bytes.allSatisfy {
        isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
      }
    let gitSafe = !id.contains("..") && !id.hasSuffix(".") && !id.hasSuffix(".lock")
    guard ok, gitSafe else {
      let shown = id.isEmpty ? "an empty id" : "\"\(id)\""
      throw .invalid(
        "invalid job id \(shown): use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, "
          + "without '..' and not ending in '.' or '.lock' (the id names the git branch logist/<id>)")
    }
  }

  private static func isAlnum(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }
}
