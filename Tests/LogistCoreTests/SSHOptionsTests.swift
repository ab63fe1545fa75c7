import Foundation
import LogistCore
import Testing

@Suite struct SSHOptionsTests {
  @Test func buildsABatchSharedStrictCommandWithDoubleDash() throws {
    let options = SSHOptions(
      destination: "gpu@render1", port: 2222, identityFile: "/keys/id", knownHostsFile: "/keys/known_hosts",
      controlDirectory: "/tmp/c")
    let argv = options.argv(remoteCommand: "'echo' hi")
    #expect(argv.first == "ssh")
    #expect(Array(argv.suffix(3)) == ["gpu@render1", "--", "'echo' hi"])
    let settings = zip(argv, argv.dropFirst()).filter { $0.0 == "-o" }.map(\.1)
    for expected in [
      "BatchMode=yes", "StrictHostKeyChecking=yes", "ControlMaster=auto", "ControlPath=/tmp/c/%C",
      "ControlPersist=60", "ServerAliveInterval=15", "ServerAliveCountMax=4", "UserKnownHostsFile=/keys/known_hosts",
      "IdentitiesOnly=yes",
    ] {
      #expect(settings.contains(expected), "missing -o \(expected)")
    }
    #expect(value(after: "-p", in: argv) == "2222")
    #expect(value(after: "-i", in: argv) == "/keys/id")
  }

  private func value(after flag: String, in argv: [String]) -> String? {
    guard let index = argv.firstIndex(of: flag), index + 1 < argv.count else { return nil }
    return argv[index + 1]
  }

  @Test func acceptNewIsAnOption() {
    var options = SSHOptions(destination: "h")
    options.hostKeyPolicy = .acceptNew
    #expect(options.argv(remoteCommand: "x").contains("StrictHostKeyChecking=accept-new"))
    #expect(!options.argv(remoteCommand: "x").contains("-p"))
  }

  @Test func percentSignsInPathsStayLiteral() {
    let options = SSHOptions(destination: "h", identityFile: "/k/100%", controlDirectory: "/tmp/c%d")
    let argv = options.argv(remoteCommand: "x")
    #expect(argv.contains("/k/100%%"))
    #expect(argv.contains("ControlPath=/tmp/c%%d/%C"))
  }

  @Test func refusesHostsThatSshWouldReadAsOptions() {
    for bad in ["", "-oProxyCommand=touch x", "a b", "host\n"] {
      #expect(throws: LogistError.self) { try SSHOptions(destination: bad).validate() }
    }
    #expect(throws: LogistError.self) { try SSHOptions(destination: "h", port: 70000).validate() }
    #expect(throws: LogistError.self) { try SSHOptions(destination: "h", knownHostsFile: "/a b").validate() }
    #expect(throws: Never.self) { try SSHOptions(destination: "user@host.example", port: 22).validate() }
  }

  /// The transport puts shared variables before the command through `env`, quoted as one line for ssh.
  @Test func transportQuotesTheWholeCommandOnce() throws {
    let transport = try SSHTransport(
      host: .ssh(SSHOptions(destination: "h", controlDirectory: "/tmp/c")), environment: ["DOCKER_HOST": "unix:///s"])
    #expect(transport.argv(for: ["ls", "a b"]).last == "'env' 'DOCKER_HOST=unix:///s' ls 'a b'")
    let local = try SSHTransport(host: .local, environment: ["DOCKER_HOST": "unix:///s"])
    #expect(local.argv(for: ["ls", "a b"]) == ["env", "DOCKER_HOST=unix:///s", "ls", "a b"])
    #expect(throws: LogistError.self) { try SSHTransport(host: .local, environment: ["A B": "x"]) }
  }
}
