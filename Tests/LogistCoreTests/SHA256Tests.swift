import Foundation
import LogistCore
import Testing

@Suite struct SHA256Tests {
  @Test func matchesTheStandardVectors() {
    #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(SHA256.hex(Data(long.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// Agrees with coreutils' `sha256sum` on every length around the padding boundaries and on bigger data.
  @Test func agreesWithSha256sum() throws {
    var generator = SystemRandomNumberGenerator()
    for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 300_000] {
      let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
      let result = try SpawnCommandExecutor().run(["sha256sum"], stdin: data, timeout: 20)
      #expect(String(result.output.prefix(64)) == SHA256.hex(data), "length \(length)")
    }
  }
}
