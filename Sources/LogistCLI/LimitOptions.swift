import LogistCore

/// The limit options of `job create` and `job limits`, and how their values are read.
enum LimitOptions {
  /// `--max-cost` … : (option, field, placeholder, help).
  static let setters: [(String, LimitField, String, String)] = [
    ("max-cost", .maxCostUSD, "USD", "Most the job may spend, in US dollars (e.g. 7.50)"),
    ("max-tokens", .maxTokens, "N", "Most tokens, all four buckets"),
    ("max-actions", .maxActions, "N", "Most agent actions (turns, tool calls)"),
    ("max-phase-runs", .maxPhaseRuns, "N", "Most phase runs"),
    ("max-time", .maxWallSeconds, "DURATION", "Most phase run time (90s, 30m, 2h, 1h30m)"),
    ("phase-timeout", .phaseTimeoutSeconds, "DURATION", "Longest one phase run may take"),
    ("warn-at", .warnAt, "FRACTION", "Warn once a limit is this far used (default 0.8)"),
    ("no-progress-runs", .noProgressRuns, "N", "Unchanged runs of a phase in a row that halt the job (default 3)"),
  ]

  /// `--add-cost` … : raise a limit by an amount.
  static let adders: [(String, LimitField, String, String)] = [
    ("add-cost", .maxCostUSD, "USD", "Raise maxCostUSD by this much"),
    ("add-tokens", .maxTokens, "N", "Raise maxTokens"),
    ("add-actions", .maxActions, "N", "Raise maxActions"),
    ("add-phase-runs", .maxPhaseRuns, "N", "Raise maxPhaseRuns"),
    ("add-time", .maxWallSeconds, "DURATION", "Raise maxWallSeconds (30m)"),
  ]

  /// The option specs; `adding` (for `job limits`) adds the `--add-…` options and `none`.
  static func specs(adding: Bool) -> [OptionSpec] {
    let set = setters.map { name, _, value, help in
      OptionSpec.option(name, value, adding ? help + "; `none` removes it" : help)
    }
    return set + (adding ? adders.map { OptionSpec.option($0.0, $0.2, $0.3) } : [])
  }

  /// The update the options given ask for; a bad value is a usage error naming the option.
  static func update(_ args: ParsedArguments, command: String, adding: Bool) throws(LogistError) -> LimitsUpdate {
    var update = LimitsUpdate()
    for (name, field, _, _) in setters {
      guard let text = args.option(name) else { continue }
      if adding, text == "none" {
        update.changes.append((field, .clear))
        continue
      }
      update.changes.append((field, .set(try value(text, field: field, option: name, command: command))))
    }
    for (name, field, _, _) in adding ? adders : [] {
      guard let text = args.option(name) else { continue }
      if update.changes.contains(where: { $0.field == field }) {
        throw ArgumentScanner.usage(command, "--\(name) and the option that sets \(field.rawValue) cannot go together")
      }
      update.changes.append((field, .add(try value(text, field: field, option: name, command: command))))
    }
    return update
  }

  private static func value(_ text: String, field: LimitField, option: String, command: String) throws(LogistError)
    -> Double
  {
    let parsed: Double?
    if field.isDuration {
      parsed = Amount.parseDuration(text)
    } else {
      parsed = Double(text.hasPrefix("$") ? String(text.dropFirst()) : text)
    }
    guard let parsed, parsed.isFinite else {
      let example =
        field.isDuration ? "a duration such as 90s, 30m or 1h30m" : field.isCount ? "a whole number" : "a number"
      throw ArgumentScanner.usage(command, "--\(option) \(text): expected \(example)")
    }
    if let problem = field.problem(parsed), !option.hasPrefix("add-") {
      throw ArgumentScanner.usage(command, "--\(option) \(text): \(problem)")
    }
    if option.hasPrefix("add-"), !(parsed > 0) || (field.isCount && parsed != parsed.rounded()) {
      throw ArgumentScanner.usage(
        command, "--\(option) \(text): must be \(field.isCount ? "a whole number " : "")more than 0")
    }
    return parsed
  }
}
