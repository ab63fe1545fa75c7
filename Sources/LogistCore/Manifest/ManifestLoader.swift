import Foundation

/// Reads manifests and templates: JSON syntax, then the schema, then the rules a schema cannot say.
public enum ManifestLoader {
  /// Loads a job manifest; `file` names it in errors. `expectedID` is the directory name.
  public static func load(_ data: Data, file: String, expectedID: String? = nil) throws(LogistError) -> Manifest {
    let value = try SchemaCatalog.check(data, file: file, against: .job)
    for key in ["status", "id"] where value[key] == nil {
      throw .invalid("\(file): \(key): missing required key (this looks like a template; create a job from it)")
    }
    let manifest = try SchemaCatalog.decode(Manifest.self, from: value, file: file)
    try checkStrategy(manifest.phases, file: file)
    try checkState(manifest, file: file)
    if let expectedID, manifest.id != expectedID {
      throw .invalid("\(file): id: \"\(manifest.id)\" does not match its directory name \"\(expectedID)\"")
    }
    return manifest
  }

  /// Loads a template's `job.json` (runtime keys, if present, are ignored).
  public static func loadTemplate(_ data: Data, file: String) throws(LogistError) -> JobTemplate {
    let value = try SchemaCatalog.check(data, file: file, against: .job)
    let template = try SchemaCatalog.decode(JobTemplate.self, from: value, file: file)
    try checkStrategy(template.phases, file: file)
    return template
  }

  /// Phase names unique, `onReject` naming a phase.
  public static func checkStrategy(_ phases: [Phase], file: String) throws(LogistError) {
    let names = phases.map(\.name)
    for (index, phase) in phases.enumerated() {
      if names.firstIndex(of: phase.name) != index {
        throw .invalid(
          "\(file): phases[\(index)].name: phase \"\(phase.name)\" appears twice; phase names must be unique")
      }
      if let target = phase.onReject, !names.contains(target) {
        throw .invalid(
          "\(file): phases[\(index)].onReject: no phase named \"\(target)\" (phases: \(names.joined(separator: ", ")))")
      }
    }
  }

  private static func checkState(_ manifest: Manifest, file: String) throws(LogistError) {
    let names = manifest.phases.map(\.name)
    guard names.contains(manifest.currentPhase) else {
      throw .invalid(
        "\(file): currentPhase: no phase named \"\(manifest.currentPhase)\" (phases: \(names.joined(separator: ", ")))")
    }
    for key in manifest.attempts.keys.sorted() where !names.contains(key) {
      throw .invalid("\(file): attempts.\(key): no phase of that name")
    }
    guard manifest.attempts[manifest.currentPhase] == manifest.attempt else {
      throw .invalid(
        "\(file): attempt: \(manifest.attempt) disagrees with attempts.\(manifest.currentPhase) "
          + "(\(manifest.attempts[manifest.currentPhase] ?? 0))")
    }
    for (index, entry) in manifest.history.enumerated() where !names.contains(entry.phase) {
      throw .invalid("\(file): history[\(index)].phase: no phase named \"\(entry.phase)\"")
    }
    if manifest.status == .running, manifest.lease == nil {
      throw .invalid(
        "\(file): lease: a running job must hold a lease (set status back to \"ready\" to run the phase again)")
    }
  }
}
