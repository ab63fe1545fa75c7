import Foundation
import Testing

/// What one run of `logist` printed, with standard output as bytes (diffs and patches need not be UTF-8).
struct RawCLIResult {
  let status: Int32
  let stdout: Data
  let stderr: String
}

/// Jobs on real git sources with phase commits, for `job diff`, `job patch` and `job export`.
extension Sandbox {
  /// Runs `logist --jobs-dir <jobs> ARGS…` and keeps standard output as bytes.
  func logistRaw(_ args: [String]) throws -> RawCLIResult {
    let running = try start(["--jobs-dir", jobs.path] + args)
    running.process.waitUntilExit()
    let text = running.result()
    return RawCLIResult(
      status: running.process.terminationStatus, stdout: try Data(contentsOf: running.out), stderr: text.stderr)
  }

  /// The replay script of ``makeGitJob(_:source:)``: implement renames `file1.txt` to `moved.txt` and adds
  /// `notes/todo.md`; review deletes `file2.txt` and approves.
  static let twoPhaseScript = """
    [
      {"phase": "implement", "response": {"action": "COMPLETED", "summary": "Moved file1 — and added notes"},
       "files": [{"path": "file1.txt", "delete": true}, {"path": "moved.txt", "content": "line 1\\n"},
                 {"path": "notes/todo.md", "content": "# To do\\n\\n- one\\n- two\\n"}]},
      {"phase": "review", "response": {"action": "APPROVED", "summary": "Fine; file2 is gone"},
       "files": [{"path": "file2.txt", "delete": true}]}
    ]
    """

  /// Job `id` on `source` (a path or URL) with ``twoPhaseScript``, stepped through both agent phases, with
  /// the binary file `data/blob.bin` written by hand between the steps (so the second commit holds it).
  /// Returns the workspace checkout.
  @discardableResult
  func makeGitJob(_ id: String, source: String) throws -> URL {
    let script = try write(Sandbox.twoPhaseScript, to: "\(id)-responses.json")
    let create = try logist([
      "job", "create", id, "--goal", "Tidy the files", "--repo", source, "--responses", script.path,
    ])
    #expect(create.status == 0, "create failed: \(create.stderr)")
    let workspace = jobDirectory(id).appendingPathComponent("workspace")
    let first = try logist(["job", "step", id])
    #expect(first.status == 0, "implement failed: \(first.stderr)")
    try FileManager.default.createDirectory(
      at: workspace.appendingPathComponent("data"), withIntermediateDirectories: true)
    try Sandbox.binaryBytes.write(to: workspace.appendingPathComponent("data/blob.bin"))
    let second = try logist(["job", "step", id])
    #expect(second.status == 2, "review should leave the job awaiting approval: \(second.stderr)")
    return workspace
  }

  /// Bytes no text diff can carry: NUL, invalid UTF-8, every byte value.
  static let binaryBytes = Data([0, 0xFF, 0xFE, 0x80, 0x00, 0x01]) + Data((0...255).map { UInt8($0) })

  /// `source.baseCommit` of job `id`.
  func baseCommit(_ id: String) throws -> String {
    try #require((try manifest(id)["source"] as? [String: Any])?["baseCommit"] as? String)
  }

  /// A fresh `git clone` of `source` at `<root>/<name>`, on a new branch `x` at `commit`.
  func cloneAt(_ commit: String, of source: URL, as name: String) throws -> URL {
    let clone = root.appendingPathComponent(name)
    try GitWitness.git(["clone", "-q", source.path, clone.path], in: root)
    try GitWitness.git(["checkout", "-q", "-b", "x", commit], in: clone)
    return clone
  }

  /// Every file below `dir` with its bytes, git's own files (`.git`) left out.
  static func files(_ dir: URL) -> [String: Data] {
    snapshot(dir).filter { !$0.key.hasPrefix("/.git") }
  }
}

/// `text` with trailing newlines removed.
func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
