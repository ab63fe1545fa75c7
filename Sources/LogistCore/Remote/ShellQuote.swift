/// Turns an argv into one POSIX `sh` command line that runs exactly that argv: the only way the remote
/// layer builds a command for ssh's remote shell.
///
/// Each word is either left bare, when it consists only of characters no POSIX shell (sh, dash, bash,
/// zsh) treats specially, or wrapped in single quotes, with each `'` inside written as `'\''`. Inside
/// single quotes nothing is special, newlines and non-ASCII bytes included. The first word is always
/// quoted, so it can be neither a reserved word (`if`, `time`), an alias nor an assignment, and a
/// command line never starts with `-`.
public enum ShellQuote {
  /// The command line for `argv` (an empty argv gives an empty line).
  public static func command(_ argv: [String]) -> String {
    argv.enumerated().map { index, word in index == 0 ? quoted(word) : self.word(word) }.joined(separator: " ")
  }

  /// One word, quoted only when it needs to be.
  public static func word(_ text: String) -> String {
    if !text.isEmpty && text.utf8.allSatisfy(isPlain) { return text }
    return quoted(text)
  }

  /// One word, always in single quotes.
  public static func quoted(_ text: String) -> String {
    "'" + text.escapingSingleQuotes() + "'"
  }

  /// Letters, digits and `_ . / : , + @ % -`: never special to a POSIX shell, wherever they appear.
  private static func isPlain(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ","),
      UInt8(ascii: "+"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "-"):
      return true
    default:
      return false
    }
  }
}

extension String {
  /// This string with every `'` replaced by `'\''`, scalar by scalar: a quote followed by a combining
  /// mark is still a quote to the shell, though Swift sees one `Character`.
  fileprivate func escapingSingleQuotes() -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      if scalar == "'" { scalars.append(contentsOf: #"'\''"#.unicodeScalars) } else { scalars.append(scalar) }
    }
    return String(scalars)
  }
}
