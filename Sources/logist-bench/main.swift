// logist-bench: times Logist's workspace creation against `git clone` of the same repository, and
// `job list` over 10,000 jobs from the index against reading every manifest.
// Run it with `make bench` (release build). BENCH_RUNS sets the timed runs per case (default 3).
import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// Generates the source, times every case round-robin, prints the table, and checks what the first round's
/// copies share with the source.
func bench(scratch: String) throws {
  let runs = max(Int(ProcessInfo.processInfo.environment["BENCH_RUNS"] ?? "") ?? 3, 1)
  let logist = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    .appendingPathComponent("logist").path
  let started = Date()
  print("logist-bench: libgit2 \(LogistVersion.libgit2), \(ProcessInfo.processInfo.activeProcessorCount) cores")
  let source = try SourceRepository.generate(at: scratch + "/source")
  let total = Measure.diskBytes(source.path)
  let git = Measure.diskBytes(source.path + "/.git")
  print(
    "source: \(source.files) files, \(source.commits) commits; on disk \(Measure.megabytes(total - git)) of "
      + "files and \(Measure.megabytes(git)) of .git; "
      + String(format: "generated in %.1f s", Date().timeIntervalSince(started)))
  let cases = BenchCase.all(source: source.path, logist: logist, scratch: scratch)
  var samples: [String: [Double]] = [:]
  var findings: [SharingCheck.Finding] = []
  for round in 1...runs {
    for bench in cases {
      let target = scratch + "/out/\(bench.key)"
      sync()  // earlier cases' writes are flushed before the clock starts
      samples[bench.key, default: []].append(try Measure.milliseconds { try bench.run(target, round) })
      if round == 1 { findings.append(SharingCheck.check(bench, at: target, source: source.path)) }
      try? FileManager.default.removeItem(atPath: target)
    }
  }
  print("\nmedian of \(runs) runs per case (cases interleaved, page cache warm):\n")
  BenchCase.printTable(cases, samples: samples)
  print()
  SharingCheck.print(findings)
  print(String(format: "\ntotal bench time %.1f s", Date().timeIntervalSince(started)))
}

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("logist-bench-\(getpid())").path
do {
  // BENCH_ONLY=workspace or BENCH_ONLY=index runs one part.
  let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]
  if only != "index" { try bench(scratch: scratch) }
  if only != "workspace" {
    let logist = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("logist").path
    try IndexBench.run(
      scratch: scratch, logist: logist, runs: max(Int(ProcessInfo.processInfo.environment["BENCH_RUNS"] ?? "") ?? 5, 1))
  }
  try? FileManager.default.removeItem(atPath: scratch)
} catch {
  try? FileManager.default.removeItem(atPath: scratch)
  FileHandle.standardError.write(Data("logist-bench: \(error)\n".utf8))
  exit(1)
}
