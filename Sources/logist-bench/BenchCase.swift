import Foundation
import LogistCore

/// One way of making a working copy of the source, timed as a whole.
struct BenchCase {
  /// Short id, also the output directory's prefix.
  let key: String
  /// What the table calls it.
  let title: String
  /// Where the copy made at a path keeps its git objects (relative to that path).
  let objects: String
  /// Makes a copy at the given new path (round number for unique job ids).
  let run: (String, Int) throws -> Void

  /// The cases: the `git clone` baseline and reference, each libgit2 mode, and `logist job create` end to end.
  static func all(source: String, logist: String, scratch: String) -> [BenchCase] {
    var cases = [
      BenchCase(key: "a", title: "(a) git clone --no-hardlinks (baseline)", objects: ".git/objects") { target, _ in
        try Spawn.run(["git", "clone", "-q", "--no-hardlinks", source, target])
      },
      BenchCase(key: "b", title: "(b) git clone (hardlinks)", objects: ".git/objects") { target, _ in
        try Spawn.run(["git", "clone", "-q", source, target])
      },
    ]
    for mode in WorkspaceBench.CloneMode.allCases {
      let current = mode == WorkspaceBench.production ? ", Logist's mode" : ""
      cases.append(
        BenchCase(
          key: "c-\(mode.rawValue)", title: "(c) workspace, \(mode.rawValue)\(current)",
          objects: "workspace.git/objects"
        ) { target, _ in
          try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
          _ = try WorkspaceBench.createWorkspace(
            from: source, jobID: "bench", in: URL(fileURLWithPath: target), mode: mode)
        })
    }
    if FileManager.default.isExecutableFile(atPath: logist) {
      cases.append(
        BenchCase(key: "d", title: "(d) logist job create --repo (process)", objects: "job/workspace.git/objects") {
          target, _ in
          try Spawn.run([logist, "--jobs-dir", target, "job", "create", "job", "--goal", "x", "--repo", source])
        })
    } else {
      print("note: \(logist) is missing (build the logist product too), so case (d) is left out")
    }
    return cases
  }

  /// Prints `case | median ms | ratio vs (a) | fastest and slowest run`.
  static func printTable(_ cases: [BenchCase], samples: [String: [Double]]) {
    let baseline = Measure.median(samples["a"] ?? [])
    let width = cases.map(\.title.count).max() ?? 0
    print("case".padding(toLength: width, withPad: " ", startingAt: 0) + "  median ms  vs (a)  min-max ms")
    for bench in cases {
      let times = samples[bench.key] ?? []
      let median = Measure.median(times)
      let ratio = baseline > 0 ? String(format: "%.2fx", median / baseline) : "-"
      let spread = String(format: "%.0f-%.0f", times.min() ?? 0, times.max() ?? 0)
      print(
        bench.title.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "  %9.1f  ", median)
          + String(repeating: " ", count: max(0, 5 - ratio.count)) + ratio + "  " + spread)
    }
  }
}
