import Foundation

/// The per-run archive `<job>/runs/NNNN-<phase>/` with `prompt.md` and `response.json`.
enum RunArchive {
  /// Writes one archive file atomically, creating the run directory.
  static func write(_ data: Data, name: String, in directory: URL) throws(LogistError) {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw LogistError(.system, "cannot create \(directory.path): \(error.localizedDescription)")
    }
    try AtomicFile.write(data, to: directory.appendingPathComponent(name))
  }
}
