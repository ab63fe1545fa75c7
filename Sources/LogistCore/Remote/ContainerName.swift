import Foundation

/// Docker container names and labels derived from a job's run: one name per attempt, so a second
/// `docker create` for the same attempt fails with a name conflict instead of starting a second container.
public enum ContainerName {
  /// Label keys set on every render container.
  public enum Label {
    /// The job id.
    public static let job = "logist.job"
    /// The run id (`0003-render`).
    public static let run = "logist.run"
    /// The phase name.
    public static let phase = "logist.phase"
    /// The attempt number.
    public static let attempt = "logist.attempt"
  }

  /// `logist.<job>.<run>`, made to fit docker's rule `[a-zA-Z0-9][a-zA-Z0-9_.-]+`: other characters become
  /// `_`, and a name that had to change, or is longer than 128 characters, ends in 12 hex digits of the
  /// SHA-256 of the full run id, so distinct runs never share a name.
  public static func forRun(job: String, run: String) -> String {
    let full = "\(job)/\(run)"
    let raw = "logist.\(job).\(run)"
    let cleaned = String(String.UnicodeScalarView(raw.unicodeScalars.map { isAllowed($0) ? $0 : "_" }))
    guard cleaned != raw || raw.utf8.count > 128 else { return raw }
    let suffix = "-" + SHA256.hex(Data(full.utf8)).prefix(12)
    return String(cleaned.prefix(128 - suffix.count)) + suffix
  }

  /// The labels of one attempt's container.
  public static func labels(job: String, run: String, phase: String, attempt: Int) -> [String: String] {
    [Label.job: job, Label.run: run, Label.phase: phase, Label.attempt: String(attempt)]
  }

  /// Whether `name` is a name docker accepts.
  public static func isValid(_ name: String) -> Bool {
    let scalars = Array(name.unicodeScalars)
    guard scalars.count >= 2, let first = scalars.first, isAlphanumeric(first) else { return false }
    return scalars.allSatisfy(isAllowed)
  }

  private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    isAlphanumeric(scalar) || scalar == "_" || scalar == "." || scalar == "-"
  }

  private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
  }
}
