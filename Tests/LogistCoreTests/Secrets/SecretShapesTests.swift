import Foundation
import Testing

@testable import LogistCore

/// Secrets recognised by value and by shape, in text and in output that streams in pieces.
struct SecretShapesTests {
  /// One secret of each shape (made up, but of the real form).
  static let shapes = [
    "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGh",
    "sk-proj-AbCdEfGhIjKlMnOpQrSt1234567890",
    "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
    "glpat-AbCdEfGhIjKlMnOpQrSt",
    "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
    "AKIAIOSFODNN7EXAMPLE",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx4Z\nq0Zx9w==\n-----END RSA PRIVATE KEY-----",
  ]

  @Test func eachShapeIsRedactedInTextAndInItsJSONEscapedForm() throws {
    let redactor = SecretRedactor(environment: [:])
    for secret in Self.shapes {
      #expect(redactor.redact("before \(secret) after") == "before [redacted] after", "\(secret)")
      let json = String(
        decoding: try JSONSerialization.data(withJSONObject: ["text": "got:\n\(secret)."]), as: UTF8.self)
      #expect(
        !redactor.redact(json).contains(String(secret.prefix(12)).replacingOccurrences(of: "\n", with: "\\n")),
        "\(json)")
    }
  }

  @Test func lookalikesAreLeftAlone() {
    let redactor = SecretRedactor(environment: [:])
    for text in [
      "task-implement-the-login-feature-today", "desk-without-any-digits-in-this-name", "AKIAIOSFODNN7EXAMPLEX",
      "eyJust.a.word", "see https://example.com/a:b@c", "ghp_short", "-----BEGIN CERTIFICATE-----",
      "http://host:8080/x",
    ] {
      #expect(redactor.redact(text) == text, "\(text)")
    }
  }

  @Test func urlCredentialsKeepTheUserAndHost() {
    let redactor = SecretRedactor(environment: [:])
    #expect(
      redactor.redact("DATABASE_URL=postgres://app:S3cr3t!x@db.internal:5432/prod ok")
        == "DATABASE_URL=postgres://app:[redacted]@db.internal:5432/prod ok")
    #expect(
      redactor.redact(#"{"u":"https://:tok3n@git.example/r.git"}"#) == #"{"u":"https://:[redacted]@git.example/r.git"}"#
    )
  }

  @Test func valuesByNameByListAndURLPasswordsFromTheEnvironment() {
    let environment = [
      "MY_PASSWD": "pa55wd-value", "SMTP_PASS": "smtp-value", "DB_PWD": "pwd-value", "GCP_CREDENTIALS": "cred-value",
      "DATABASE_URL": "postgres://u:url-password@h/db", "DEPLOY_HOOK": "hook-value", "ROLE_LISTED": "role-value",
      "LOGIST_REDACT": "DEPLOY_*", "PWD": "/home/me", "OLDPWD": "/tmp",
    ]
    let redactor = SecretRedactor(environment: environment, names: ["ROLE_*"])
    for value in ["pa55wd-value", "smtp-value", "pwd-value", "cred-value", "url-password", "hook-value", "role-value"] {
      #expect(redactor.redact("x \(value) y") == "x [redacted] y", "\(value)")
    }
    #expect(redactor.redact("/home/me /tmp") == "/home/me /tmp")
  }

  @Test func everyShapeSplitAtEveryPointIsStillRedacted() {
    let redactor = SecretRedactor(environment: ["DATABASE_URL": "postgres://u:url-password@h/db"])
    for secret in Self.shapes + ["postgres://u:url-password@h/db"] {
      let text = Data("a \(secret) b\n".utf8)
      for split in 0...text.count {
        var stream = redactor.stream()
        var output = stream.feed(text.prefix(split))
        output += stream.feed(text.dropFirst(split))
        output += stream.finish()
        let shown = String(decoding: output, as: UTF8.self)
        #expect(!shown.contains(String(secret.suffix(8))), "\(secret) split at \(split): \(shown)")
      }
    }
  }

  @Test func whatIsHeldBackStaysBounded() {
    var stream = SecretRedactor(environment: [:]).stream()
    var released = 0
    let chunk = Data(repeating: UInt8(ascii: "a"), count: 4096)
    released += stream.feed(Data("-----BEGIN PRIVATE KEY-----\n".utf8)).count
    for _ in 0..<16 { released += stream.feed(chunk).count }
    #expect(released > 0, "a BEGIN line without END is not held forever")
    var tokens = SecretRedactor(environment: [:]).stream()
    var out = tokens.feed(Data("sk-".utf8))
    for _ in 0..<4 { out += tokens.feed(Data(repeating: UInt8(ascii: "7"), count: 2048)) }
    #expect(
      out.starts(with: Data("[redacted]".utf8)) && out.count > 4096, "a long token is cut, not held: \(out.count)")
  }
}
