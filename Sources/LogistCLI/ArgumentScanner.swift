import LogistCore

/// Scans a command's arguments against its spec. Errors are usage errors (exit 64).
public enum ArgumentScanner {
  /// Parses `args` (the words after the command path).
  public static func scan(_ args: [String], for spec: CommandSpec) throws(LogistError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var positionals: [String] = []
    var index = 0
    var onlyPositionals = false
    while index < args.count {
      var arg = args[index]
      index += 1
      if !onlyPositionals, let long = longForm(ofShort: arg, in: spec) { arg = long }
      if onlyPositionals || !arg.hasPrefix("--") || arg == "-" {
        if arg.hasPrefix("-"), arg != "-", !onlyPositionals {
          throw usage(spec, "unknown option \(arg)")
        }
        positionals.append(arg)
        continue
      }
      if arg == "--" {
        onlyPositionals = true
        continue
      }
      var name = String(arg.dropFirst(2))
      var inline: String?
      if let eq = name.firstIndex(of: "=") {
        inline = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let option = spec.options.first(where: { $0.name == name }) else {
        if ["jobs-dir", "roles-dir"].contains(name) {
          throw usage(
            spec,
            "--\(name) is a global option; put it before the command: logist --\(name) DIR \(spec.path.joined(separator: " ")) …"
          )
        }
        let hint = Suggestion.phrase(name, among: spec.options.map(\.name)) { "--\($0)" }
        throw usage(spec, "unknown option --\(name)\(hint)")
      }
      if parsed.options[name] != nil { throw usage(spec, "--\(name) given twice") }
      if let placeholder = option.value {
        if let inline {
          parsed.options[name] = inline
        } else if index < args.count {
          parsed.options[name] = args[index]
          index += 1
        } else {
          throw usage(spec, "--\(name) needs a value (\(placeholder))")
        }
      } else {
        if inline != nil { throw usage(spec, "--\(name) takes no value") }
        parsed.options[name] = ""
      }
    }
    let required = spec.arguments.filter { !$0.optional }
    if positionals.count < required.count {
      throw usage(spec, "missing \(required[positionals.count].name)")
    }
    parsed.positionalList = positionals
    let variadic = spec.arguments.last?.name.hasSuffix("...") == true
    if positionals.count > spec.arguments.count, !variadic {
      throw usage(spec, "unexpected argument \"\(positionals[spec.arguments.count])\"")
    }
    for (value, argument) in zip(positionals, spec.arguments) { parsed.positionals[argument.name] = value }
    return parsed
  }

  /// `--output` for `-o` when the spec declares that alias; nil for anything else.
  private static func longForm(ofShort arg: String, in spec: CommandSpec) -> String? {
    guard arg.count == 2, arg.hasPrefix("-"), let letter = arg.last, letter != "-" else { return nil }
    return spec.options.first { $0.short == letter }.map { "--\($0.name)" }
  }

  /// A usage error that points at the command's help.
  public static func usage(_ spec: CommandSpec, _ message: String) -> LogistError {
    usage(spec.path.joined(separator: " "), message)
  }

  /// A usage error for the command `path` (`job create`).
  public static func usage(_ path: String, _ message: String) -> LogistError {
    LogistError(.usage, "logist \(path): \(message) (see `logist \(path) --help`)")
  }
}
