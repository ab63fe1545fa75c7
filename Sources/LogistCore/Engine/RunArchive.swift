import Foundation

/// The per-run archive `<job>/runs/NNNN-<phase>/` with `prompt.md` and `response.json`.
enum RunArchive {
  /// Writes one archive file atomically, creating the run directory.
  static func write(_ data: Data, name: String, in directory: URL) throws(LogistError) {
    try PrivateFiles.createDirectory(directory)
    try AtomicFile.write(data, to: directory.appendingPathComponent(name))
  }
}
