import Foundation
import Testing

/// `logist help …` and `logist version` work like their flag forms; a mistyped group, command or
/// option suggests the nearest one.
@Suite(.serialized) struct HelpAndSuggestionTests {
  @Test func helpAndVersionWordsPrintWhatTheFlagsPrint() throws {
    let box = try Sandbox()
    for (words, flags) in [
      (["help"], ["--help"]), (["help", "job"], ["job", "--help"]),
      (["help", "job", "status"], ["job", "status", "--help"]), (["version"], ["--version"]),
    ] {
      let word = try box.run(words)
      let flag = try box.run(flags)
      #expect(word.status == 0, "\(words): \(word.stderr)")
      #expect(word.stdout == flag.stdout && !word.stdout.isEmpty, "\(words)")
    }
    let unknown = try box.run(["help", "job", "stauts"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains(#"did you mean "job status"?"#), "\(unknown.stderr)")
  }

  @Test func typosSuggestTheNearestGroupCommandOrOption() throws {
    let box = try Sandbox()
    let cases: [([String], String)] = [
      (["jbo", "list"], #"(did you mean "job"?)"#),
      (["job", "stauts", "x"], #"(did you mean "job status"?)"#),
      (["job", "run", "x", "--dry-rn"], "(did you mean --dry-run?)"),
      (["job", "delete", "x", "--froce"], "(did you mean --force?)"),
    ]
    for (args, hint) in cases {
      let result = try box.logist(args)
      #expect(result.status == 64, "\(args)")
      #expect(result.stderr.contains(hint), "\(args): \(result.stderr)")
    }
    let far = try box.logist(["job", "frobnicate"])
    #expect(far.status == 64)
    #expect(!far.stderr.contains("did you mean"), "no suggestion when nothing is close: \(far.stderr)")
  }
}
