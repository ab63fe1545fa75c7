import Foundation
import LogistCore
import Testing

/// Arguments that break naive quoting: each must reach the program unchanged.
let hostileArguments = [
  "plain", "two words", "it's", "say \"hi\"", "a;b", "x && y", "$(touch /tmp/logist-pwned)", "`id`", "$HOME",
  "${PATH}", "*", "?.txt", "[ab]", "~", "~root", "line1\nline2", "", " ", "\t", "trailing\n", "-n", "--", "#comment",
  "a|b", "a>b", "<in", "(sub)", "{a,b}", "!!", "a=b", "'", "''", "'\\''", "\\", "\\n", "ünïcødé 日本語 🚀",
  "e\u{301}'\u{301};x",
  "%s %d", "back\\slash'quote\"double", "\u{7}bell", "semi;'quote;\"",
]

@Suite struct ShellQuoteTests {
  @Test func leavesPlainWordsBareAndQuotesTheRest() {
    #expect(ShellQuote.word("docker") == "docker")
    #expect(ShellQuote.word("logist.job=x") == "'logist.job=x'")
    #expect(ShellQuote.word("/tmp/a-b_c.d:e,f+g@h%i") == "/tmp/a-b_c.d:e,f+g@h%i")
    #expect(ShellQuote.word("") == "''")
    #expect(ShellQuote.word("two words") == "'two words'")
    #expect(ShellQuote.word("it's") == #"'it'\''s'"#)
    #expect(ShellQuote.word("$(id)") == "'$(id)'")
    #expect(ShellQuote.word("a\nb") == "'a\nb'")
    #expect(ShellQuote.word("日本") == "'日本'")
    #expect(ShellQuote.word("~") == "'~'")
  }

  @Test func alwaysQuotesTheCommandWord() {
    #expect(ShellQuote.command(["docker", "ps", "-a"]) == "'docker' ps -a")
    #expect(ShellQuote.command(["time", "x"]) == "'time' x")
    #expect(ShellQuote.command(["A=B", "x"]) == "'A=B' x")
    #expect(ShellQuote.command([]) == "")
  }

  /// A quote followed by a combining mark is one Swift `Character` but still a quote to the shell.
  @Test func escapesQuotesHiddenInGraphemeClusters() {
    #expect(ShellQuote.word("'\u{301}") == "''\\''\u{301}'")
  }

  /// The quoted line, run by each POSIX shell here, hands the program exactly the argv.
  @Test(arguments: ["/bin/sh", "/bin/bash", "/bin/dash"])
  func roundTripsThroughLocalShells(shell: String) throws {
    guard FileManager.default.isExecutableFile(atPath: shell) else { return }
    let line = ShellQuote.command(["printf", "%s\\0"] + hostileArguments)
    let result = try SpawnCommandExecutor().run([shell, "-c", line], stdin: nil, timeout: 10)
    #expect(result.exitCode == 0, "\(result.errorLine)")
    #expect(result.stdout == Data(hostileArguments.map { $0 + "\0" }.joined().utf8))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/logist-pwned"))
  }
}
