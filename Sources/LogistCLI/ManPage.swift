/// `logist help --man`: the manual page `logist(1)`, in roff, generated from the command table
/// (`make install` writes it to `share/man/man1/logist.1`).
enum ManPage {
  /// The page.
  static func render(_ table: [CommandSpec], version: String) -> String {
    var page = ".TH LOGIST 1 \"\" \"logist \(version)\" \"User Commands\"\n"
    page += ".SH NAME\nlogist \\- run LLM coding agents as durable, budgeted jobs\n"
    page += ".SH SYNOPSIS\n.B logist\n[\\fB\\-\\-jobs\\-dir\\fR \\fIDIR\\fR] [\\fB\\-\\-roles\\-dir\\fR \\fIDIR\\fR]\n"
    page += "\\fIgroup\\fR \\fIcommand\\fR [\\fIarguments\\fR]\n"
    page += ".SH DESCRIPTION\n"
    page +=
      "A job is a directory holding a JSON manifest, job.json: its goal, its strategy (phases, each played "
      + "by a role) and its history. logist advances it phase by phase in its own git workspace, within "
      + "cost, time and action limits. See the documentation in docs/ of the source tree.\n"
    page += ".SH GLOBAL OPTIONS\n"
    page += item("\\-\\-jobs\\-dir DIR", "Jobs directory (else $LOGIST_JOBS_DIR, else ~/.logist/jobs).")
    page += item(
      "\\-\\-roles\\-dir DIR", "Role overlay directory for job create and role commands (else $LOGIST_ROLES_DIR).")
    page += item("\\-\\-version", "Print the versions of logist, libgit2 and SQLite.")
    page += ".SH COMMANDS\n"
    for spec in table {
      page += ".SS \(escape(spec.usage))\n\(escape(spec.abstract)).\n"
      if !spec.discussion.isEmpty { page += ".PP\n\(escape(spec.discussion))\n" }
      for option in spec.options { page += item(escape(option.label), escape(option.help)) }
    }
    page += ".SH EXIT STATUS\n"
    for (code, meaning) in HelpFormatter.exitCodes { page += item(String(code), escape(meaning)) }
    page += ".SH ENVIRONMENT\n"
    page += item("LOGIST_JOBS_DIR", "The jobs directory, when \\-\\-jobs\\-dir is not given.")
    page += item("LOGIST_ROLES_DIR", "The role overlay directory, when \\-\\-roles\\-dir is not given.")
    page += item("XDG_CONFIG_HOME", "The user's role overlays are read from $XDG_CONFIG_HOME/logist/roles.")
    page += item("LOGIST_REDACT", "More variables whose values are redacted (names or globs, comma-separated).")
    return page
  }

  private static func item(_ tag: String, _ text: String) -> String { ".TP\n.B \(tag)\n\(text)\n" }

  /// Text safe in roff: backslashes doubled, a leading dot or quote guarded, dashes as minus signs.
  private static func escape(_ text: String) -> String {
    var out = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
    if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
    return out.replacingOccurrences(of: "\n.", with: "\n\\&.")
  }
}
