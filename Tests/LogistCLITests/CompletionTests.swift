import Foundation
import Testing

/// `logist completion bash|zsh|fish`: the bash script is run by a real bash, completing groups,
/// commands, options, job ids from the jobs directory and role names.
@Suite(.serialized) struct CompletionTests {
  /// What bash's completion function offers for the words of a command line being typed.
  func complete(_ box: Sandbox, _ script: URL, _ words: [String], environment: [String: String] = [:]) throws
    -> [String]
  {
    let quoted = words.map { "'\($0)'" }.joined(separator: " ")
    let probe = """
      source '\(script.path)'
      COMP_WORDS=(\(quoted)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
      _logist
      printf '%s\\n' "${COMPREPLY[@]}"
      complete -p logist
      """
    let result = try box.run(["-c", probe], environment: environment, executable: URL(fileURLWithPath: "/bin/bash"))
    #expect(result.status == 0, "\(result.stderr)")
    var lines = lines(result.stdout)
    #expect(lines.popLast() == "complete -F _logist logist")
    return lines
  }

  @Test func bashCompletesGroupsCommandsOptionsJobsAndRoles() throws {
    let box = try Sandbox()
    try box.create("alpha", from: "hello-world")
    try box.create("beta", from: "hello-world")
    let script = box.root.appendingPathComponent("logist.bash")
    let generated = try box.run(["completion", "bash"])
    #expect(generated.status == 0)
    try Data(generated.stdout.utf8).write(to: script)
    let env = ["LOGIST_JOBS_DIR": box.jobs.path]
    #expect(try complete(box, script, ["logist", "jo"], environment: env) == ["job"])
    #expect(try complete(box, script, ["logist", "job", "sta"], environment: env) == ["status"])
    #expect(try complete(box, script, ["logist", "job", "status", ""], environment: env) == ["alpha", "beta"])
    #expect(try complete(box, script, ["logist", "job", "run", "alpha", "--dry"], environment: env) == ["--dry-run"])
    #expect(try complete(box, script, ["logist", "--jobs-dir", box.root.path, "job", "step", ""]).isEmpty)
    #expect(try complete(box, script, ["logist", "--jobs-dir", box.jobs.path, "job", "step", "b"]) == ["beta"])
    #expect(try complete(box, script, ["logist", "role", "inspect", "st"], environment: env) == ["steward"])
    #expect(try complete(box, script, ["logist", "completion", ""], environment: env) == ["bash", "zsh", "fish"])
  }

  @Test func zshAndFishScriptsAndAnUnknownShell() throws {
    let box = try Sandbox()
    let zsh = try box.run(["completion", "zsh"])
    #expect(zsh.stdout.hasPrefix("#compdef logist\n") && zsh.stdout.contains("complete -F _logist logist"))
    let fish = try box.run(["completion", "fish"])
    #expect(
      fish.stdout.contains(
        "complete -c logist -n '__fish_seen_subcommand_from job; and __fish_seen_subcommand_from run' -l dry-run"),
      "\(fish.stdout)")
    let unknown = try box.run(["completion", "tcsh"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("use bash, zsh or fish"))
  }
}

/// `make install`'s files: the binary, the man page `man -l` renders, and the completions.
@Suite(.serialized) struct InstallTests {
  @Test func installFilesPutsTheBinaryAManPageAndCompletionsUnderThePrefix() throws {
    let box = try Sandbox()
    let prefix = box.root.appendingPathComponent("prefix")
    let make = try box.run(
      ["-C", Sandbox.packageRoot.path, "install-files", "PREFIX=\(prefix.path)", "BUILT=\(Sandbox.binary.path)"],
      executable: URL(fileURLWithPath: "/usr/bin/make"))
    #expect(make.status == 0, "\(make.stdout)\(make.stderr)")
    let installed = try box.run(["--version"], executable: prefix.appendingPathComponent("bin/logist"))
    #expect(installed.stdout.hasPrefix("logist "))
    let page = prefix.appendingPathComponent("share/man/man1/logist.1")
    let man = try box.run(
      ["-l", page.path], environment: ["MANPAGER": "cat", "MANWIDTH": "100"],
      executable: URL(fileURLWithPath: "/usr/bin/man"))
    #expect(man.status == 0, "\(man.stderr)")
    for text in [
      "LOGIST(1)", "NAME", "logist - run LLM coding agents", "logist job run ID", "EXIT STATUS", "LOGIST_JOBS_DIR",
    ] {
      #expect(man.stdout.contains(text), "\(text) missing from the man page")
    }
    for file in [
      "share/bash-completion/completions/logist", "share/zsh/site-functions/_logist",
      "share/fish/vendor_completions.d/logist.fish",
    ] {
      let text = try String(contentsOf: prefix.appendingPathComponent(file), encoding: .utf8)
      #expect(text.contains("logist"), "\(file)")
    }
  }
}
