import Foundation

/// Batch files and logs under `<jobs-dir>/.batches/` (hidden, so no job id can collide with it).
public struct BatchStore: Sendable {
  /// The directory's name within the jobs directory.
  public static let directoryName = ".batches"

  /// The jobs directory.
  public let store: JobStore

  /// The batches of `store`.
  public init(store: JobStore) { self.store = store }

  /// `<jobs-dir>/.batches`.
  public var directory: URL { store.root.appendingPathComponent(Self.directoryName, isDirectory: true) }
  /// The batch file.
  public func url(_ name: String) -> URL { directory.appendingPathComponent("\(name).json") }
  /// The batch's own event log (batch-level events; job steps go to each job's log).
  public func eventsURL(_ name: String) -> URL { directory.appendingPathComponent("\(name).events.jsonl") }

  /// Whether batch `name` exists.
  public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url(name).path) }

  /// Names of every batch, sorted.
  public func names() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// Loads batch `name`; a missing one is an error saying how to list batches.
  public func load(_ name: String) throws(LogistError) -> Batch {
    try Self.validate(name)
    let url = url(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw .invalid("no batch \"\(name)\" in \(directory.path); batch files are named NAME.json there")
    }
    do {
      return try JSONCoding.decoder().decode(Batch.self, from: data)
    } catch {
      throw .invalid("\(url.path): not a batch file (\(error)); fix or delete it")
    }
  }

  /// Writes batch `batch` atomically (it survives `kill -9` at any moment), then updates the index.
  public func save(_ batch: inout Batch, now: Date = Date()) throws(LogistError) {
    batch.updatedAt = now
    try PrivateFiles.createDirectory(directory)
    let data: Data
    do {
      data = try JSONCoding.data(batch)
    } catch {
      throw LogistError(.system, "cannot encode batch \(batch.name): \(error)")
    }
    try AtomicFile.write(data, to: url(batch.name))
    JobIndex.batchSaved(batch, in: store)
  }

  /// Appends a batch-level event to the batch's log.
  public func record(_ kind: EventKind, batch: String, _ payload: [String: String] = [:]) {
    var details = payload
    details["batch"] = batch
    let record = EventRecord(time: Date(), job: "", run: nil, kind: kind, payload: details)
    try? AppendLog.append(record, to: eventsURL(batch))
  }

  /// Takes the batch's lock (one runner per batch); fails at once when another process runs it.
  public func lock(_ name: String) throws(LogistError) -> JobLock {
    do throws(LogistError) {
      return try JobLock.acquire(id: name, locksDirectory: directory)
    } catch  where error.kind == .locked {
      throw LogistError(
        .locked, "batch \(name) is running in another process; wait for it, or stop it (Ctrl-C) and resume")
    }
  }

  /// A batch name: the rules of a job id.
  public static func validate(_ name: String) throws(LogistError) {
    do throws(LogistError) {
      try JobID.validate(name)
    } catch {
      throw .invalid(error.message.replacingOccurrences(of: "job id", with: "batch name"))
    }
  }
}
