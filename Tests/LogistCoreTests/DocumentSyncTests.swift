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
