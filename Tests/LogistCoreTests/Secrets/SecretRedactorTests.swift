import Foundation
import Testing

@testable import LogistCore

/// Secret values from the environment never reach an archived log.
struct SecretRedactorTests {
  let environment = [
    "OPENAI_API_KEY": "sk-live-1234567890abcdef", "github_token": "ghp_abcdefABCDEF", "AWS_SECRET": "w/sl\"ash\\y",
    "DB_PASSWORD_FILE": "hunter2hunter2", "SHORT_KEY": "abc", "PATH": "/usr/bin:/bin", "TOKENIZER": "bpe-tokenizer",
  ]

  @Test func namesThatLookSecret() {
    for name in ["OPENAI_API_KEY", "github_token", "Client_Secret", "DB_PASSWORD_FILE", "mypassword"] {
      #expect(SecretRedactor.looksSecret(name), "\(name)")
    }
    for name in ["PATH", "KEYBOARD", "TOKENIZER", "HOME", "KEY", "SECRETS_DIR"] {
      #expect(!SecretRedactor.looksSecret(name), "\(name)")
    }
  }

  @Test func valuesAreReplacedInTextAndBytesShortOnesAndOtherVariablesKept() {
    let redactor = SecretRedactor(environment: environment)
    let text = "key=sk-live-1234567890abcdef gh=ghp_abcdefABCDEF pw=hunter2hunter2 abc /usr/bin:/bin bpe-tokenizer"
    let expected = "key=[redacted] gh=[redacted] pw=[redacted] abc /usr/bin:/bin bpe-tokenizer"
    #expect(redactor.redact(text) == expected)
    #expect(redactor.redact(Data(text.utf8)) == Data(expected.utf8))
  }

  @Test func theJSONEscapedFormIsRedactedToo() {
    let redactor = SecretRedactor(environment: environment)
    #expect(redactor.redact(#"{"out":"w/sl\"ash\\y"}"#) == #"{"out":"[redacted]"}"#)
    #expect(redactor.redact(#"raw w/sl"ash\y"#) == "raw [redacted]")
  }

  @Test func aSecretSplitAcrossChunksIsRedactedAtEverySplitPoint() {
    let redactor = SecretRedactor(environment: environment)
    let text = Data("before sk-live-1234567890abcdef after\n".utf8)
    for split in 0...text.count {
      var stream = redactor.stream()
      var output = stream.feed(text.prefix(split))
      output += stream.feed(text.dropFirst(split))
      output += stream.finish()
      #expect(String(decoding: output, as: UTF8.self) == "before [redacted] after\n", "split at \(split)")
    }
  }

  @Test func byteByByteStreamingAndAHeldPrefixThatIsNoSecretAfterAll() {
    let redactor = SecretRedactor(environment: environment)
    var stream = redactor.stream()
    var output = Data()
    for byte in Data("ghp_abcdefABCDEF and ghp_abc".utf8) { output += stream.feed(Data([byte])) }
    #expect(String(decoding: output, as: UTF8.self) == "[redacted] and ")
    output += stream.finish()
    #expect(String(decoding: output, as: UTF8.self) == "[redacted] and ghp_abc")
  }

  @Test func noSecretsMeansNoChange() {
    var stream = SecretRedactor(environment: ["PATH": "/bin"]).stream()
    #expect(stream.feed(Data("/bin".utf8)) == Data("/bin".utf8))
  }
}

/// The fast scan finds exactly what a plain left-to-right scan finds.
struct SecretRedactorScanTests {
  /// Leftmost match first, the longest at a tie, one byte at a time.
  static func naive(_ bytes: [UInt8], _ patterns: [[UInt8]]) -> [UInt8] {
    var output: [UInt8] = []
    var index = 0
    scanning: while index < bytes.count {
      for pattern in patterns where bytes.count - index >= pattern.count {
        if Array(bytes[index..<index + pattern.count]) == pattern {
          output += Array(SecretRedactor.replacement.utf8)
          index += pattern.count
          continue scanning
        }
      }
      output.append(bytes[index])
      index += 1
    }
    return output
  }

  @Test func randomTextWithOverlappingSecretsInRandomChunksMatchesThePlainScan() {
    var generator = SystemRandomNumberGenerator()
    let secrets = ["abab", "ababX9", "b9ab", "9999", "ab\"c"]
    let redactor = SecretRedactor(secrets: secrets)
    let alphabet = Array("ab9X\"c\\ ".utf8)
    for _ in 0..<300 {
      let length = Int.random(in: 0..<200, using: &generator)
      let input = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0x61 }
      let expected = Self.naive(input, redactor.patterns)
      #expect(Array(redactor.redact(Data(input))) == expected, "\(String(decoding: input, as: UTF8.self))")
      var stream = redactor.stream()
      var output = Data()
      var offset = 0
      while offset < input.count {
        let end = min(offset + Int.random(in: 1...40, using: &generator), input.count)
        output += stream.feed(Data(input[offset..<end]))
        offset = end
      }
      output += stream.finish()
      #expect(Array(output) == expected, "streamed: \(String(decoding: input, as: UTF8.self))")
    }
  }
}
