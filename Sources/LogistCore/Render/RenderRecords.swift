import Foundation

/// `runs/NNNN-<phase>/container.json`: the container one render attempt created, written as soon as
/// `docker create` returns (before `docker start`), so a later `logist` can find it.
struct ContainerRecord: Codable, Sendable {
  /// The full container id.
  var id: String
  /// Its name (`logist.<job>.<run>`).
  var name: String
  /// `local` or `ssh user@host port N`.
  var host: String
  /// The image.
  var image: String
  /// The run directory on the host.
  var directory: String
  /// When it was created (engine clock), or found again.
  var createdAt: Date
  /// The run that created it, when this run re-attached to it.
  var reattachedFrom: String? = nil
  /// The container an interrupted earlier run of this attempt left, found gone when this run began
  /// (`<run>: <id>`), so this run made a new one.
  var replacesLost: String? = nil

  /// The container recorded in run archive `runDirectory`, if it has a readable one.
  static func read(inRun runDirectory: URL) -> ContainerRecord? {
    guard let data = FileManager.default.contents(atPath: runDirectory.appendingPathComponent("container.json").path)
    else { return nil }
    return try? JSONCoding.decoder().decode(ContainerRecord.self, from: data)
  }
}

/// One entry of `runs/NNNN-<phase>/outputs.json`: a declared output brought back from the host.
struct OutputRecord: Codable, Sendable, Equatable {
  /// The path, relative to the run directory there and to the workspace here.
  var path: String
  /// Its SHA-256 (verified against the host's `sha256sum`).
  var sha256: String
  /// Its size in bytes.
  var bytes: Int
}

extension RunArchive {
  /// Writes `value` as pretty JSON into the run archive.
  static func writeJSON<T: Encodable>(_ value: T, name: String, in directory: URL) throws(LogistError) {
    let data: Data
    do {
      data = try JSONCoding.encoder().encode(value)
    } catch {
      throw LogistError(.system, "cannot encode \(name): \(error)")
    }
    try write(data + Data("\n".utf8), name: name, in: directory)
  }
}
