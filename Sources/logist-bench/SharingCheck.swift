import Foundation

/// Checks which copies share object files with the source: the same file (`st_dev` and `st_ino`) under
/// `objects/`, or an `objects/info/alternates` file pointing into it. Logist's mode must share nothing.
enum SharingCheck {
  /// One case's finding.
  struct Finding {
    /// The case's title.
    let title: String
    /// Object files that are the source's own files.
    let shared: Int
    /// Object files in the copy.
    let total: Int
    /// Whether the copy borrows objects through alternates.
    let alternates: Bool
  }

  /// What the copy of `bench` at `target` shares with `source`.
  static func check(_ bench: BenchCase, at target: String, source: String) -> Finding {
    let objects = target + "/" + bench.objects
    let mine = Measure.fileInodes(under: objects)
    let shared = mine.intersection(Measure.fileInodes(under: source + "/.git/objects")).count
    let alternates = FileManager.default.fileExists(atPath: objects + "/info/alternates")
    return Finding(title: bench.title, shared: shared, total: mine.count, alternates: alternates)
  }

  /// Prints the findings, one line per case.
  static func print(_ findings: [Finding]) {
    Swift.print("object files shared with the source (same st_dev and st_ino under objects/, or alternates):")
    for finding in findings {
      let verdict = finding.shared == 0 && !finding.alternates ? "nothing shared" : "SHARED"
      Swift.print(
        "  \(finding.title): \(finding.shared) of \(finding.total) files, alternates "
          + "\(finding.alternates ? "yes" : "no") -> \(verdict)")
    }
  }
}
