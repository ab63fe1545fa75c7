import Foundation

/// The result of checking one file.
public struct ValidationReport: Sendable, Encodable {
  /// The file checked.
  public let file: String
  /// What it was checked as: `job`, `template`, `role`, `responses`, `agent-response`.
  public let kind: String
  /// Every problem found, each naming the key path; empty when valid.
  public let problems: [String]
  /// A one-line description when valid (`3 phases, 4 history entries`).
  public let summary: String

  /// Whether the file is valid.
  public var ok: Bool { problems.isEmpty }
}

/// `job validate`: checks job directories, templates and single files, reporting every schema problem.
public enum DocumentValidator {
  /// Checks a job or template directory: `job.json`, `responses.json`, and the roles its phases name.
  public static func validateDirectory(_ directory: URL, roles: RoleRegistry) -> [ValidationReport] {
    let manifestURL = directory.appendingPathComponent("job.json")
    var reports = [validateFile(manifestURL, as: .job, roles: roles)]
    let responses = directory.appendingPathComponent("responses.json")
    if FileManager.default.fileExists(atPath: responses.path) {
      reports.append(validateFile(responses, as: .responses, roles: roles))
    }
    return reports
  }

  /// Checks one file against `schema` (and, for jobs and scripts, the rules beyond the schema).
  public static func validateFile(_ url: URL, as schema: SchemaName, roles: RoleRegistry) -> ValidationReport {
    let file = url.path
    let kindName = schema == .responses ? "replay script" : String(schema.rawValue.dropLast(".schema.json".count))
    guard let data = FileManager.default.contents(atPath: file) else {
      return ValidationReport(file: file, kind: kindName, problems: ["\(file): cannot read the file"], summary: "")
    }
    let value: JSONValue
    do throws(LogistError) {
      value = try SchemaCatalog.parse(data, file: file)
    } catch {
      return ValidationReport(file: file, kind: kindName, problems: [error.message], summary: "")
    }
    let violations = SchemaCatalog.violations(of: value, against: schema).map { "\(file): \($0.description)" }
    if !violations.isEmpty {
      return ValidationReport(file: file, kind: kindName, problems: violations, summary: "")
    }
    do throws(LogistError) {
      switch schema {
      case .job where value["status"] != nil:
        let job = try ManifestLoader.load(
          data, file: file, expectedID: url.deletingLastPathComponent().lastPathComponent)
        try checkRoles(job.phases, roles: roles, file: file)
        let ledger = Ledger(jobDirectory: url.deletingLastPathComponent())
        let audit = LedgerAudit.problems(job, ledger: ledger)
        return ValidationReport(
          file: file, kind: "job", problems: audit,
          summary: "\(job.status.rawValue), \(job.phases.count) phases, \(job.history.count) history entries")
      case .job:
        let template = try ManifestLoader.loadTemplate(data, file: file)
        try checkRoles(template.phases, roles: roles, file: file)
        return ValidationReport(file: file, kind: "template", problems: [], summary: "\(template.phases.count) phases")
      case .responses:
        let sibling = url.deletingLastPathComponent().appendingPathComponent("job.json")
        var phases: [Phase]?
        if let jobData = FileManager.default.contents(atPath: sibling.path),
          let template = try? ManifestLoader.loadTemplate(jobData, file: sibling.path)
        {
          phases = template.phases
        }
        if let phases {
          let script = try ResponseScript.load(data, file: file, phases: phases)
          return ValidationReport(
            file: file, kind: "replay script", problems: [], summary: "\(script.entries.count) responses")
        }
        return ValidationReport(
          file: file, kind: "replay script", problems: [],
          summary: "schema only: no valid job.json beside it to check phases against")
      case .role:
        let role = try SchemaCatalog.decode(Role.self, from: value, file: file)
        try PromptBuilder.checkTemplate(role.instructions, file: file)
        return ValidationReport(file: file, kind: "role", problems: [], summary: "provider \(role.provider.kind)")
      case .pricing:
        let table = try PriceTable(prices: [:], sources: [:]).overlaid(with: url)
        return ValidationReport(file: file, kind: "pricing", problems: [], summary: "\(table.prices.count) models")
      case .agentResponse:
        _ = try SchemaCatalog.decode(AgentResponse.self, from: value, file: file)
        return ValidationReport(file: file, kind: "agent-response", problems: [], summary: "valid response")
      case .simulation:
        let report = try SchemaCatalog.decode(SimulationReport.self, from: value, file: file)
        return ValidationReport(
          file: file, kind: "simulation", problems: [], summary: "\(report.runs) simulated runs of \(report.target)")
      case .simulationComparison:
        // Each side is a report: checked against simulation.schema.json too.
        let sides = ["a", "b"].flatMap { side in
          value[side].map { SchemaCatalog.violations(of: $0, against: .simulation) }?.map {
            "\(file): \(side): \($0.description)"
          } ?? []
        }
        guard sides.isEmpty else { return ValidationReport(file: file, kind: kindName, problems: sides, summary: "") }
        let comparison = try SchemaCatalog.decode(SimulationComparison.self, from: value, file: file)
        return ValidationReport(
          file: file, kind: kindName, problems: [],
          summary: "\(comparison.a.target) against \(comparison.b.target), \(comparison.differences.count) differences")
      case .outcomeModel:
        let model = try OutcomeModel.load(data, file: file)
        return ValidationReport(
          file: file, kind: "outcome-model", problems: [],
          summary: "\(model.phases.count) phase entries, \(model.roles.count) role entries")
      }
    } catch {
      return ValidationReport(file: file, kind: kindName, problems: [error.message], summary: "")
    }
  }

  private static func checkRoles(_ phases: [Phase], roles: RoleRegistry, file: String) throws(LogistError) {
    for (index, phase) in phases.enumerated() {
      do throws(LogistError) {
        _ = try roles.role(phase.role)
      } catch {
        throw .invalid("\(file): phases[\(index)].role: \(error.message)")
      }
    }
  }
}
