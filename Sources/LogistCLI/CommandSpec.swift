import LogistCore

/// A positional argument of a command.
public struct ArgumentSpec: Sendable {
  /// Placeholder shown in usage (`ID`).
  public let name: String
  /// Help text.
  public let help: String
  /// Whether it may be left out.
  public let optional: Bool

  /// Makes one.
  public init(_ name: String, _ help: String, optional: Bool = false) {
    self.name = name
    self.help = help
    self.optional = optional
  }
}

/// An option (`--name VALUE`) or flag (`--name`) of a command.
public struct OptionSpec: Sendable {
  /// Long name without dashes (`status`).
  public let name: String
  /// Placeholder of the value (`S`), nil for a flag.
  public let value: String?
  /// Help text.
  public let help: String
  /// A one-letter alias (`o` for `-o`), if any.
  public var short: Character? = nil

  /// An option taking a value, optionally with a one-letter alias (`short: "o"` for `-o FILE`).
  public static func option(_ name: String, _ value: String, _ help: String, short: Character? = nil) -> OptionSpec {
    OptionSpec(name: name, value: value, help: help, short: short)
  }

  /// A flag, optionally with a one-letter alias (`short: "f"` for `-f`).
  public static func flag(_ name: String, _ help: String, short: Character? = nil) -> OptionSpec {
    OptionSpec(name: name, value: nil, help: help, short: short)
  }

  /// How help shows it: `-o, --output FILE`, `--json`.
  public var label: String {
    (short.map { "-\($0), " } ?? "") + "--\(name)" + (value.map { " \($0)" } ?? "")
  }

  /// `--json`, shared by read commands.
  public static let json = flag("json", "Print JSON (stable shape, see docs/cli.md)")
}

/// One command of the table: its words, help and handler.
public struct CommandSpec: Sendable {
  /// Words after `logist` (`["job", "step"]`).
  public let path: [String]
  /// One-line summary.
  public let abstract: String
  /// Longer help, shown by `--help`.
  public let discussion: String
  /// Positional arguments.
  public let arguments: [ArgumentSpec]
  /// Options and flags.
  public let options: [OptionSpec]
  /// Usage line override, for options that are required or exclusive.
  public var synopsis: String?
  /// Runs the command; returns the exit code.
  public let run: @Sendable (ParsedArguments, CommandContext) throws(LogistError) -> Int32

  /// Makes one.
  public init(
    _ path: [String], _ abstract: String, discussion: String = "", synopsis: String? = nil,
    arguments: [ArgumentSpec] = [],
    options: [OptionSpec] = [],
    run: @escaping @Sendable (ParsedArguments, CommandContext) throws(LogistError) -> Int32
  ) {
    self.path = path
    self.abstract = abstract
    self.discussion = discussion
    self.synopsis = synopsis
    self.arguments = arguments
    self.options = options
    self.run = run
  }

  /// `logist job step`.
  public var fullName: String { (["logist"] + path).joined(separator: " ") }

  /// `logist job step ID [--json]`.
  public var usage: String {
    if let synopsis { return "\(fullName) \(synopsis)" }
    var parts = [fullName]
    parts += arguments.map { $0.optional ? "[\($0.name)]" : $0.name }
    parts += options.map { option in
      let flag = option.short.map { "-\($0)" } ?? "--\(option.name)"
      return option.value.map { "[\(flag) \($0)]" } ?? "[\(flag)]"
    }
    return parts.joined(separator: " ")
  }
}
