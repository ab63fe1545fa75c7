import Foundation
import LogistCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Uploads and downloads through the rig's real sshd, verified by sha256 on both sides.
@Suite(.serialized) struct RemoteFilesTests {
  /// Binary data (every byte value, more than a pipe holds) goes up to a path with hostile characters
  /// and comes back identical; the host's own `sha256sum` agrees with ours.
  @Test func binaryFilesRoundTripWithMatchingHashes() throws {
    let rig = try RemoteRig.shared()
    let files = RemoteFiles(try rig.sshTransport())
    let data = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })
    let path = rig.directory + "/up \(uniqueID())/it's a $(scene);`x`\n dir/scene 日本.bin"
    let uploaded = try files.upload(data, to: path)
    #expect(uploaded == SHA256.hex(data))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data)
    let hostHash = try SpawnCommandExecutor().run(["sha256sum"], stdin: data, timeout: 20).output.prefix(64)
    #expect(String(hostHash) == uploaded)
    #expect(try files.download(path) == data)
    #expect(!FileManager.default.fileExists(atPath: path + ".logist-part"))
  }

  /// A secrets file goes up with mode 0600 and is removed after; a missing file downloads as nil.
  @Test func secretsAreUploadedPrivateAndRemoved() throws {
    let rig = try RemoteRig.shared()
    let files = RemoteFiles(try rig.sshTransport())
    let path = rig.directory + "/env-\(uniqueID())/.env"
    try files.upload(Data("TOKEN=s3cret\n".utf8), to: path, mode: 0o600)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    try files.remove(path)
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try files.download(path) == nil)
    #expect(try files.download(rig.directory + "/no such dir/x") == nil)
  }

  /// Empty files are files too, and the local variant moves them the same way.
  @Test func emptyFilesAndTheLocalHostWork() throws {
    let rig = try RemoteRig.shared()
    let path = rig.directory + "/empty-\(uniqueID())"
    for transport in [try rig.sshTransport(), try rig.localTransport()] {
      let files = RemoteFiles(transport)
      try files.upload(Data(), to: path)
      #expect(try files.download(path) == Data())
      try files.upload(Data("local\n".utf8), to: path)
      #expect(try files.download(path) == Data("local\n".utf8))
    }
  }

  /// A relative remote directory starts in the ssh user's home and comes back absolute.
  @Test func relativeDirectoriesResolveInTheHome() throws {
    let rig = try RemoteRig.shared()
    let files = RemoteFiles(try rig.sshTransport())
    let name = "logist-test-\(uniqueID()) dir"
    let resolved = try files.absoluteDirectory(name + "/runs")
    let entry = try #require(getpwuid(getuid()))  // sshd starts sessions in the passwd home, not $HOME
    let home = URL(fileURLWithPath: String(cString: entry.pointee.pw_dir)).resolvingSymlinksInPath().path
    #expect(resolved == home + "/" + name + "/runs")
    #expect(FileManager.default.fileExists(atPath: resolved))
    try FileManager.default.removeItem(atPath: home + "/" + name)
  }
}
