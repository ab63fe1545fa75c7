import Foundation

/// The usage block of an agent response; every field is optional there.
public struct ReportedUsage: Codable, Sendable, Equatable {
  public var inputTokens: Int?
  public var outputTokens: Int?
  public var cacheReadTokens: Int?
  public var cacheWriteTokens: Int?
  public var costUSD: Double?
  public var actions: Int?

  /// The usage with missing fields as zero.
  public var usage: Usage {
    Usage(
      inputTokens: inputTokens ?? 0, outputTokens: outputTokens ?? 0, cacheReadTokens: cacheReadTokens ?? 0,
      cacheWriteTokens: cacheWriteTokens ?? 0, costUSD: costUSD ?? 0, actions: actions ?? 0)
  }
}

/// What an agent answers at the end of a phase run (schema: `agent-response.schema.json`).
public struct AgentResponse: Codable, Sendable, Equatable {
  /// What happens next.
  public var action: AgentAction
  /// What the agent did, or the review feedback.
  public var summary: String
  /// Workspace-relative paths backing the summary.
  public var evidenceFiles: [String]?
  /// Tokens, cost and actions of the run.
  public var usage: ReportedUsage?

  /// Reads and checks a raw response for `phase`: JSON, schema, action allowed, evidence inside the workspace.
  /// The error message is the reason the job needs intervention.
  public static func interpret(_ raw: Data, phase: Phase, file: String) throws(LogistError) -> AgentResponse {
    guard !raw.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
      throw .invalid("\(file): the response is empty")
    }
    let value = try SchemaCatalog.check(raw, file: file, against: .agentResponse)
    let response = try SchemaCatalog.decode(AgentResponse.self, from: value, file: file)
    guard phase.allowedActions.contains(response.action) else {
      let allowed = phase.allowedActions.map(\.rawValue).joined(separator: ", ")
      throw .invalid(
        "\(file): action: \(response.action.rawValue) is not allowed in phase \(phase.name) "
          + "(kind \(phase.kind.rawValue); allowed: \(allowed))")
    }
    for (index, path) in (response.evidenceFiles ?? []).enumerated() {
      if let problem = WorkspacePath.problem(path) {
        throw .invalid("\(file): evidenceFiles[\(index)]: \"\(path)\" \(problem)")
      }
    }
    return response
  }
}
