import Foundation
import LogistCore

/// `job list` over 10,000 jobs: from the index (logist.db) against reading every manifest.
enum IndexBench {
  /// Jobs generated.
  static let count = 10_000

  /// Writes `count` manifests directly (copies of one real job with new ids), then times the listings.
  static func run(scratch: String, logist: String, runs: Int) throws {
    let jobs = scratch + "/index-jobs"
    let started = Date()
    try Spawn.run([logist, "--jobs-dir", jobs, "job", "create", "seed", "--goal", "Benchmark the job index"])
    let template = try String(contentsOfFile: jobs + "/seed/job.json", encoding: .utf8)
    try FileManager.default.removeItem(atPath: jobs + "/seed")
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: jobs + "/logist.db" + suffix) }
    for number in 0..<count {
      let id = String(format: "job-%05d", number)
      try FileManager.default.createDirectory(atPath: jobs + "/" + id, withIntermediateDirectories: false)
      let text = template.replacingOccurrences(of: "\"id\" : \"seed\"", with: "\"id\" : \"\(id)\"")
      try Data(text.utf8).write(to: URL(fileURLWithPath: jobs + "/" + id + "/job.json"))
    }
    print(String(format: "\nindex: %d manifests written in %.1f s", count, Date().timeIntervalSince(started)))
    let store = JobStore(root: URL(fileURLWithPath: jobs))
    let build = try Measure.milliseconds { try Spawn.run([logist, "--jobs-dir", jobs, "job", "list"]) }
    var samples: [(String, [Double])] = [
      ("logist job list (index)", []), ("logist job list --status succeeded", []), ("in-process: index query", []),
      ("in-process: read every manifest", []),
    ]
    for _ in 1...runs {
      samples[0].1.append(try Measure.milliseconds { try Spawn.run([logist, "--jobs-dir", jobs, "job", "list"]) })
      samples[1].1.append(
        try Measure.milliseconds {
          try Spawn.run([logist, "--jobs-dir", jobs, "job", "list", "--status", "succeeded"])
        })
      samples[2].1.append(
        try Measure.milliseconds {
          guard let index = try JobIndex.open(store) else { return }
          try index.refreshJobs()
          let rows = try index.jobs(JobQuery())
          precondition(rows.count == count)
        })
      samples[3].1.append(
        try Measure.milliseconds {
          let loaded = try store.ids().map { try store.load($0) }
          precondition(loaded.count == count)
        })
    }
    print(String(format: "first job list, building logist.db from %d manifests: %.0f ms", count, build))
    print("median of \(runs) runs (page cache warm):\n")
    let width = samples.map(\.0.count).max() ?? 0
    print("case".padding(toLength: width, withPad: " ", startingAt: 0) + "  median ms  min-max ms")
    for (title, times) in samples {
      let spread = String(format: "%.0f-%.0f", times.min() ?? 0, times.max() ?? 0)
      print(
        title.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "  %9.1f  ", Measure.median(times))
          + spread)
    }
    let ratio = Measure.median(samples[3].1) / max(Measure.median(samples[2].1), 0.001)
    print(String(format: "\nreading every manifest takes %.1fx the time of the index query", ratio))
  }
}
