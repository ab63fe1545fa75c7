import Foundation
import Testing

@testable import LogistCore

/// The repository's documents and source files that must agree with the code.
struct DocumentSyncTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func stateMachineDocumentHoldsTheCodesTable() throws {
    let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/state-machine.md"), encoding: .utf8)
    let begin = "<!-- BEGIN TRANSITION TABLE (generated; a test compares it with the code) -->\n"
    let end = "<!-- END TRANSITION TABLE -->"
    let start = try #require(doc.range(of: begin), "docs/state-machine.md lacks the table's begin marker")
    let stop = try #require(doc.range(of: end), "docs/state-machine.md lacks the table's end marker")
    let table = String(doc[start.upperBound..<stop.lowerBound])
    let expected = TransitionTable.markdown()
    #expect(table == expected, "docs/state-machine.md disagrees with the code; the code's table is:\n\(expected)")
  }

  @Test(arguments: ["worker.json", "supervisor.json", "steward.json", "renderer.json"])
  func builtInRoleIsTheFileInRoles(name: String) throws {
    let file = try String(contentsOf: Self.root.appendingPathComponent("Roles/\(name)"), encoding: .utf8)
    #expect(EmbeddedResources.roles[name] == file, "Roles/\(name) changed: run `make embed`")
  }

  @Test func everyRoleAndSchemaFileIsCompiledIn() throws {
    let fm = FileManager.default
    let roles = try fm.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Roles").path).filter {
      $0.hasSuffix(".json")
    }
    let schemas = try fm.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Schemas").path).filter {
      $0.hasSuffix(".json")
    }
    #expect(Set(EmbeddedResources.roles.keys) == Set(roles))
    #expect(Set(EmbeddedResources.schemas.keys) == Set(schemas))
    for name in schemas {
      let file = try String(contentsOf: Self.root.appendingPathComponent("Schemas/\(name)"), encoding: .utf8)
      #expect(EmbeddedResources.schemas[name] == file, "Schemas/\(name) changed: run `make embed`")
    }
  }
}

/// Every shipped template and role passes our own decoder (the Python check in `make test` is the independent one).
struct ShippedFilesTests {
  @Test(arguments: ["hello-world", "review-loop", "needs-approval", "stuck"])
  func templateValidates(name: String) throws {
    let roles = try RoleRegistry.load(directory: nil)
    let dir = DocumentSyncTests.root.appendingPathComponent("Jobs/\(name)")
    let reports = DocumentValidator.validateDirectory(dir, roles: roles)
    #expect(reports.map(\.kind) == ["template", "replay script"])
    for report in reports { #expect(report.problems.isEmpty, "\(report.problems)") }
  }

  @Test func rolesDirectoryValidatesAsOverlayAndAsFiles() throws {
    let dir = DocumentSyncTests.root.appendingPathComponent("Roles")
    let registry = try RoleRegistry.load(directory: dir)
    #expect(registry.roles.keys.sorted() == ["renderer", "steward", "supervisor", "worker"])
    #expect(registry.roles.values.allSatisfy { Set($0.sources.values) == ["built-in"] })
    for name in registry.roles.keys {
      let report = DocumentValidator.validateFile(
        dir.appendingPathComponent("\(name).json"), as: .role, roles: registry)
      #expect(report.ok, "\(report.problems)")
    }
  }
}
