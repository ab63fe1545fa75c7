import Foundation
import LogistCore

/// `job validate`.
enum JobValidateCommand {
  static let spec = CommandSpec(
    ["job", "validate"], "Check a job, a template directory or a single file; list every problem",
    discussion: """
      TARGET is a job id, a job or template directory, or a file. Files are checked by name: job.json, \
      responses.json, a role in a Roles directory; --schema names the schema otherwise.
      """,
    arguments: [ArgumentSpec("TARGET", "Job id, directory or file")],
    options: [.option("schema", "NAME", "job, role, responses or agent-response"), .json]
  ) { args, context throws(LogistError) in
    let target = args.argument("TARGET")
    let store = context.store
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    let url = URL(fileURLWithPath: target, relativeTo: cwd).standardizedFileURL
    var isDirectory: ObjCBool = false
    let onDisk = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
    let looksLikePath = target.contains("/") || target.hasSuffix(".json")
    let reports: [ValidationReport]
    if !looksLikePath, (try? JobID.validate(target)) != nil, store.exists(target) {
      let directory = store.directory(target)
      reports = DocumentValidator.validateDirectory(directory, roles: try roles(of: directory, context))
    } else if onDisk, isDirectory.boolValue {
      reports = DocumentValidator.validateDirectory(url, roles: try roles(of: url, context))
    } else if onDisk {
      let schema = try schema(for: url, named: args.option("schema"))
      let roles = try roles(of: url.deletingLastPathComponent(), context)
      reports = [DocumentValidator.validateFile(url, as: schema, roles: roles)]
    } else {
      throw .invalid("\(target) is neither a job in \(store.root.path) nor a file or directory")
    }
    if args.flag("json") {
      context.out(try Output.json(reports))
    } else {
      for report in reports {
        if report.ok {
          context.out("ok: \(report.file) is a valid \(report.kind) (\(report.summary))\n")
        } else {
          for problem in report.problems { context.out("error: \(problem)\n") }
        }
      }
    }
    return reports.allSatisfy(\.ok) ? 0 : 1
  }

  /// The roles a directory's phases are checked against: a job's frozen roles, else the role
  /// directories with the directory's own `roles/` on top (a template's).
  private static func roles(of directory: URL, _ context: CommandContext) throws(LogistError) -> RoleRegistry {
    if let frozen = try FrozenRoles.read(in: directory) { return try frozen.registry() }
    return try context.roleSource.registry(template: directory)
  }

  private static func schema(for url: URL, named: String?) throws(LogistError) -> SchemaName {
    if let named {
      guard let schema = SchemaName(rawValue: named + ".schema.json") else {
        throw LogistError(
          .usage, "logist job validate: --schema \(named) is not one of job, role, responses, agent-response")
      }
      return schema
    }
    switch url.lastPathComponent {
    case "job.json": return .job
    case "responses.json": return .responses
    default:
      if url.deletingLastPathComponent().lastPathComponent == "Roles" { return .role }
      throw LogistError(
        .usage,
        "logist job validate: cannot tell what \(url.lastPathComponent) is; add --schema job|role|responses|agent-response"
      )
    }
  }
}
