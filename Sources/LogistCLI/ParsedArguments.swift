import LogistCore

/// A command line scanned against a ``CommandSpec``.
public struct ParsedArguments: Sendable {
  /// Positional values by argument name.
  public var positionals: [String: String] = [:]
  /// Option values by option name (flags map to "").
  public var options: [String: String] = [:]
  /// Every positional value in order (the values of an `ID...` argument).
  public var positionalList: [String] = []

  /// A required positional (the scanner guarantees it).
  public func argument(_ name: String) -> String { positionals[name] ?? "" }

  /// An option's value.
  public func option(_ name: String) -> String? { options[name] }

  /// Whether a flag was given.
  public func flag(_ name: String) -> Bool { options[name] != nil }

  /// A positional that must be a positive integer.
  public func integer(_ name: String, command: String) throws(LogistError) -> Int {
    let text = argument(name)
    guard let value = Int(text), value >= 1 else {
      throw ArgumentScanner.usage(command, "\(name) must be a positive integer, got \"\(text)\"")
    }
    return value
  }
}
