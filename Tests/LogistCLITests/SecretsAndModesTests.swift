import Foundation
import Testing

/// Secrets never reach a file under the jobs directory or the index, by name, by value or by shape,
/// even split across two reads; everything logist writes there is private whatever the umask.
@Suite(.serialized) struct SecretsAndModesTests {
  /// Secret-shaped values the agent prints although no variable holds them.
  static let shapes = [
    "sk-ant-api03-Zq8Lm2Xv9Tr4Wb7Nc1Kd5Hf3Gj6Ps0Ye-_Ua2Ri",
    "sk-proj-Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk",
    "ghp_Rt5Yu7Io9Pa1Sd3Fg5Hj7Kl9Zx1Cv3Bn5Mq",
    "github_pat_11AQWERTY0abcdefghijklmnop_QRSTUVWXYZ0123456789",
    "glpat-Xy7Zw9Vu1Ts3Rq5Po7Nm",
    "xoxb-2468013579-1357924680-QwErTyUiOpAs",
    "AKIAJ7Q3X9Z2W5V8Y4UT",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2dpc3QtdGVzdCJ9.Qm9vb3Zx2Wn7Lp4Kc8Rt1Yu5Hg3Df6Sa9",
  ]

  /// Variables of the agent's environment whose values are secret, and the values.
  static let environment = [
    "MY_API_KEY": "val-api-key-135790",
    "MY_PASSWD": "val-passwd-246801",
    "DB_PWD": "val-db-pwd-975318",
    "SERVICE_CREDENTIALS": "val-credentials-864202",
    "DATABASE_URL": "postgres://app:urlPassw0rd-4711@db.internal/prod",
    "LOGIST_REDACT": "DEPLOY_*",
    "DEPLOY_HOOK": "hook-value-abc-8899",
    "ROLE_LISTED_ONE": "role-listed-value-5566",
  ]

  /// Every value that must be nowhere under the jobs directory.
  static var secrets: [String] {
    shapes + [
      "val-api-key-135790", "val-passwd-246801", "val-db-pwd-975318", "val-credentials-864202", "urlPassw0rd-4711",
      "hook-value-abc-8899", "role-listed-value-5566", "MIIEowIBAAKCAQEAq9Xw3Zk",
    ]
  }

  @Test func noSecretReachesAnyFileUnderTheJobsDirectoryOrTheIndex() throws {
    let box = try Sandbox()
    let printed = (Self.shapes + ["$MY_API_KEY", "$MY_PASSWD", "$DB_PWD", "$SERVICE_CREDENTIALS", "$DATABASE_URL"])
      .joined(separator: " ")
    try box.script(
      "roles/agent.sh",
      """
      echo "agent says: \(printed) $DEPLOY_HOOK $ROLE_LISTED_ONE"
      echo "stderr says: \(printed)" >&2
      echo "the password alone: urlPassw0rd-4711"
      printf '%s' "split: $MY_API_KEY" | head -c 14; sleep 0.3; printf '%s\\n' "$MY_API_KEY" | tail -c +8
      printf 'split: %s' 'sk-ant-api03-Zq8Lm2Xv9'; sleep 0.3; printf '%s\\n' 'Tr4Wb7Nc1Kd5Hf3Gj6Ps0Ye-_Ua2Ri'
      printf -- '-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAq9Xw3Zk\\n-----END RSA PRIVATE KEY-----\\n'
      printf '{"action":"COMPLETED","evidenceFiles":["hello.py"],"summary":"%s %s %s"}' \\
        "$MY_API_KEY $MY_PASSWD $DATABASE_URL" "$DEPLOY_HOOK $ROLE_LISTED_ONE" "\(Self.shapes.joined(separator: " "))" \\
        > "$LOGIST_RESPONSE_FILE"
      if [ "$LOGIST_JOB_ID" = bad ]; then echo "failing with $DB_PWD $SERVICE_CREDENTIALS ghp_Rt5Yu7Io9Pa1Sd3Fg5Hj7Kl9Zx1Cv3Bn5Mq" >&2; exit 3; fi
      """)
    try box.role(
      "worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"], "redact": ["ROLE_LISTED_*"]}}"#)
    try box.createLive("good")
    try box.createLive("bad")
    let good = try box.live(["job", "step", "good"], Self.environment)
    #expect(good.status == 0, "\(good.stderr)")
    let bad = try box.live(["job", "step", "bad"], Self.environment)
    #expect(bad.status == 2, "\(bad.stderr)")
    let search = try box.live(["search", "redacted"], Self.environment)
    #expect(search.stdout.contains("good"), "the summary is indexed: \(search.stdout)")
    _ = try box.live(["events", "--json"], Self.environment)
    #expect(box.agentLog("good").contains("agent says: [redacted]"), "\(box.agentLog("good"))")
    #expect(box.agentLog("good").contains("postgres://app:[redacted]@db.internal/prod"))
    #expect(
      box.agentLog("good").components(separatedBy: "split: [redacted]\n").count == 3,
      "both secrets printed in two reads 0.3 s apart are caught whole: \(box.agentLog("good"))")
    #expect(FileManager.default.fileExists(atPath: box.jobs.appendingPathComponent("logist.db").path))

    for secret in Self.secrets {
      let grep = try grepRecursive(secret, in: box.jobs)
      #expect(grep.status == 1, "\(secret) found under the jobs directory:\n\(grep.output)")
      for output in [good.stdout, good.stderr, bad.stdout, bad.stderr, search.stdout] {
        #expect(!output.contains(secret), "\(secret) printed")
      }
    }
  }

  @Test func everythingLogistWritesIsPrivateUnderUmask022() throws {
    let box = try Sandbox()
    try box.script("roles/agent.sh", #"printf '%s' '{"action":"COMPLETED","summary":"ok"}' > "$LOGIST_RESPONSE_FILE""#)
    try box.role("worker", #"{"provider": {"kind": "command", "command": ["./agent.sh"]}}"#)
    for args in [
      ["job", "create", "j", "--from", Sandbox.template("hello-world").path], ["job", "step", "j"],
      ["job", "list"], ["events"],
    ] {
      let result = try umask022(box, args)
      #expect(result.status == 0, "\(args): \(result.stderr)")
    }
    var checked = 0
    let walker = FileManager.default.enumerator(at: box.jobs, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
      let relative = String(url.path.dropFirst(box.jobs.path.count + 1))
      // The workspace checkout keeps the modes git gives the user's files; its job directory is private.
      if relative.hasPrefix("j/workspace") { continue }
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      let mode = (attributes[.posixPermissions] as? Int ?? 0) & 0o777
      let directory = attributes[.type] as? FileAttributeType == .typeDirectory
      #expect(mode == (directory ? 0o700 : 0o600), "\(relative): \(String(mode, radix: 8))")
      checked += 1
    }
    #expect(checked >= 12, "job.json, events, ledger, run archive, agent.log, locks, logist.db")
    let root = try FileManager.default.attributesOfItem(atPath: box.jobs.path)[.posixPermissions] as? Int
    #expect(root.map { $0 & 0o777 } == 0o700, "the jobs directory logist created")
  }

  @Test func aGroupWritableJobsDirectoryIsWarnedAbout() throws {
    let box = try Sandbox()
    try FileManager.default.createDirectory(at: box.jobs, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o775], ofItemAtPath: box.jobs.path)
    let list = try box.logist(["job", "list"])
    #expect(list.status == 0)
    #expect(
      list.stderr.contains("warning: jobs directory \(box.jobs.path) is group-writable (mode 775)"), "\(list.stderr)")
    try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: box.jobs.path)
    #expect(!(try box.logist(["job", "list"]).stderr.contains("warning")))
  }

  /// `logist --jobs-dir … --roles-dir … ARGS` run by `sh` under umask 022.
  func umask022(_ box: Sandbox, _ args: [String]) throws -> CLIResult {
    try box.run(
      [
        "-c", #"umask 022; exec "$0" "$@""#, Sandbox.binary.path, "--jobs-dir", box.jobs.path, "--roles-dir",
        box.rolesDir.path,
      ] + args, environment: box.agentEnvironment(), executable: URL(fileURLWithPath: "/bin/sh"))
  }

  /// `grep -r -a -F -- text directory`: status 1 when nothing matches.
  func grepRecursive(_ text: String, in directory: URL) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["grep", "-r", "-a", "-F", "-o", "-m1", "--", text, directory.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
