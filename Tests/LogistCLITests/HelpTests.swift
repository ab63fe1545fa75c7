import Foundation
import LogistCLI
import Testing

/// Help texts and usage errors.
@Suite(.serialized) struct HelpTests {
  static let commands = [
    "job create", "job list", "job status", "job history", "job validate", "job preview", "job step", "job run",
    "job poststep", "job rerun", "job restep", "job approve", "job reject", "job cancel", "job activate",
    "role list", "role inspect", "index rebuild", "events", "search", "stats",
  ]

  /// The names listed under `<GROUP> COMMANDS:` in the root help.
  private func listed(_ help: String, group: String) -> [String] {
    let section = help.components(separatedBy: "\(group.uppercased()) COMMANDS:\n").dropFirst().first ?? ""
    return section.components(separatedBy: "\n\n")[0].split(separator: "\n").map {
      String($0.drop(while: { $0 == " " }).prefix(while: { $0 != " " }))
    }
  }

  @Test func rootHelpListsEveryCommandOfEveryGroup() throws {
    let box = try Sandbox()
    let help = try box.run(["--help"])
    #expect(help.status == 0)
    for command in Self.commands where command.contains(" ") {
      let parts = command.split(separator: " ").map(String.init)
      #expect(listed(help.stdout, group: parts[0]).contains(parts[1]), "\(command) missing from --help")
    }
    for spec in CommandTable.all {
      let group = spec.path.count == 1 ? "other" : spec.path[0]
      #expect(listed(help.stdout, group: group).contains(spec.path.last ?? ""), "\(spec.path) missing from --help")
    }
    #expect(help.stdout.contains("EXIT CODES:"))
    #expect(try box.run(["-h"]).stdout == help.stdout)
  }

  @Test(arguments: commands)
  func everyCommandHasHelpWithUsageAndExitCodes(_ command: String) throws {
    let box = try Sandbox()
    let words = command.split(separator: " ").map(String.init)
    let help = try box.run(words + ["--help"])
    #expect(help.status == 0, "\(help.stderr)")
    #expect(help.stdout.contains("USAGE: logist \(command)"), "\(help.stdout)")
    #expect(help.stdout.contains("EXIT CODES:"))
    #expect(help.stderr.isEmpty)
  }

  @Test func stepHelpShowsUsageAndEveryExitCode() throws {
    let box = try Sandbox()
    let help = try box.run(["job", "step", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("USAGE: logist job step ID"))
    let codes = help.stdout.components(separatedBy: "EXIT CODES:\n").last ?? ""
    let numbers = lines(codes).map { $0.trimmingCharacters(in: .whitespaces).prefix(while: { $0.isNumber }) }
    #expect(numbers == ["0", "1", "2", "3", "4", "64", "130"], "\(codes)")
    // Help after other arguments still wins and runs nothing.
    let late = try box.logist(["job", "step", "nosuchjob", "--help"])
    #expect(late.status == 0)
    #expect(late.stdout.contains("USAGE: logist job step"))
  }

  @Test func groupHelpListsItsCommands() throws {
    let box = try Sandbox()
    let help = try box.run(["role", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("list") && help.stdout.contains("inspect"))
    let bare = try box.run(["role"])
    #expect(bare.status == 64, "a group without a command is a usage error")
  }

  @Test func noArgumentsShowsHelpAndIsAUsageError() throws {
    let box = try Sandbox()
    let result = try box.run([])
    #expect(result.status == 64)
    #expect(result.stderr.contains("USAGE: logist"))
  }

  @Test(arguments: [
    ["job", "frobnicate"], ["jobs", "list"], ["--frob"], ["job", "list", "--frob"], ["job", "status"],
    ["job", "status", "a", "b"], ["job", "list", "--json=yes"], ["job", "list", "--status"],
    ["job", "list", "--json", "--json"],
  ])
  func usageErrorsExit64(_ args: [String]) throws {
    let box = try Sandbox()
    let result = try box.logist(args)
    #expect(result.status == 64, "\(args): \(result.stdout)\(result.stderr)")
    #expect(result.stderr.hasPrefix("error: "), "\(args): \(result.stderr)")
    #expect(result.stderr.contains("--help"), "usage errors point at help: \(result.stderr)")
    expectNoCrash(result)
    #expect(!FileManager.default.fileExists(atPath: box.jobs.path))
  }

  @Test func versionPrintsVersions() throws {
    let box = try Sandbox()
    let result = try box.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("logist "))
    #expect(result.stdout.contains("libgit2") && result.stdout.contains("SQLite"))
  }
}
