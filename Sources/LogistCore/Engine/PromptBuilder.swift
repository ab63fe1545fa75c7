/// Builds the prompt for a job's current phase. `job preview` and `job step` both call it, so a
/// preview is byte-identical to what the agent receives.
///
/// Role instructions are a template with placeholders `{{id}}`, `{{title}}`, `{{goal}}`, `{{phase}}`,
/// `{{phaseKind}}`, `{{role}}`, `{{attempt}}`, `{{maxAttempts}}` and `{{previousSummary}}`. After the
/// instructions come the reviewer's feedback (when a rejection sent the job back) and the response
/// protocol for the phase's kind.
public enum PromptBuilder {
  /// The placeholders a role template may use.
  public static let placeholders = [
    "id", "title", "goal", "phase", "phaseKind", "role", "attempt", "maxAttempts", "previousSummary",
  ]

  /// The prompt for the current phase of `manifest`, played by `role`.
  public static func prompt(for manifest: Manifest, role: ResolvedRole) -> String {
    let phase = manifest.phase
    let previous = manifest.liveHistory.last.map { "\($0.phase) (\($0.action.rawValue)): \($0.summary)" }
    let values: [String: String] = [
      "id": manifest.id, "title": manifest.title, "goal": manifest.goal, "phase": phase.name,
      "phaseKind": phase.kind.rawValue, "role": role.name, "attempt": String(manifest.attempt),
      "maxAttempts": String(phase.attemptLimit), "previousSummary": previous ?? "(no earlier phase run)",
    ]
    var text = "# \(manifest.title)\n\n"
    text += "Job \(manifest.id), phase \(phase.name) (\(manifest.phaseNumber) of \(manifest.phases.count), "
    text += "\(phase.kind.rawValue)), attempt \(manifest.attempt) of \(phase.attemptLimit), role \(role.name).\n\n"
    text += render(role.role.instructions, values: values).trimmingTrailingNewlines() + "\n"
    if let feedback = manifest.feedback {
      text += "\n## Feedback from the last rejection\n\n\(feedback.trimmingTrailingNewlines())\n"
    }
    text += "\n" + protocolSection(for: phase)
    return text
  }

  /// How to answer, for a phase of this kind.
  static func protocolSection(for phase: Phase) -> String {
    let meanings: [AgentAction: String] = [
      .completed: "the phase's work is done",
      .retry: "run this phase again",
      .stuck: "you cannot go on without a person; say why in the summary",
      .needsApproval: "a person must approve before the job goes on",
      .approved: "the work passes review",
      .rejected: "the work fails review; the summary is the feedback for the next attempt",
    ]
    var text = "## How to answer\n\nEnd with one JSON object (schema: agent-response.schema.json):\n\n"
    text += "    {\"action\": \"...\", \"summary\": \"...\", \"evidenceFiles\": [\"path/in/workspace\"]}\n\n"
    text += "Actions allowed in this phase:\n"
    for action in phase.allowedActions {
      text += "- \(action.rawValue): \(meanings[action] ?? "")\n"
    }
    text += "\nThe object must satisfy this JSON Schema (usage is optional; report it if you know it):\n\n"
    for line in SchemaName.agentResponse.text.trimmingTrailingNewlines().split(
      separator: "\n", omittingEmptySubsequences: false)
    {
      text += "    \(line)\n"
    }
    return text
  }

  /// Replaces `{{name}}` placeholders in one pass; inserted values are never expanded again,
  /// so a goal or summary that mentions `{{phase}}` appears word for word.
  static func render(_ template: String, values: [String: String]) -> String {
    var result = ""
    var rest = Substring(template)
    while let open = rest.range(of: "{{") {
      result += rest[..<open.lowerBound]
      let after = rest[open.upperBound...]
      if let close = after.range(of: "}}"), let value = values[String(after[..<close.lowerBound])] {
        result += value
        rest = after[close.upperBound...]
      } else {
        result += "{{"
        rest = after
      }
    }
    return result + rest
  }

  /// Throws when a template uses a placeholder that does not exist.
  public static func checkTemplate(_ template: String, file: String) throws(LogistError) {
    var rest = Substring(template)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        throw .invalid("\(file): instructions: \"{{\" without a closing \"}}\"")
      }
      let name = String(rest[open.upperBound..<close.lowerBound])
      if !placeholders.contains(name) {
        throw .invalid(
          "\(file): instructions: unknown placeholder {{\(name)}} (known: \(placeholders.joined(separator: ", ")))")
      }
      rest = rest[close.upperBound...]
    }
  }
}

extension String {
  /// The string without its trailing newlines.
  public func trimmingTrailingNewlines() -> String {
    var result = self
    while result.hasSuffix("\n") { result.removeLast() }
    return result
  }
}
