import Foundation
import LogistCore

/// `job logs`: a run's agent or render log, and `-f` to follow the job's runs as they happen.
enum JobLogsCommand {
  static let spec = CommandSpec(
    ["job", "logs"], "Print a run's agent or render log; -f follows the job's runs live",
    discussion: """
      Prints runs/NNNN-<phase>/agent.log (or render.log) of the run in progress, else of the latest run, or of \
      run N with --run N (its history number). --tail K prints only its last K lines. With -f the log is \
      followed as it grows, like `docker logs -f`: it waits for a job no process runs yet to be started, \
      moves on to each next run as `job run` proceeds (a `=== run NNNN-<phase>` line between them), and ends \
      when no process runs the job any more. Control characters are made visible.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [
      .flag("follow", "Follow the log, and the next runs, until the job stops running", short: "f"),
      .option("run", "N", "The run with history number N (default: the running or latest run)"),
      .option("tail", "K", "Only the last K lines"),
    ]
  ) { args, context throws(LogistError) in
    let id = args.argument("ID")
    let engine = try context.engine()
    let run = try args.option("run").map { (text: String) throws(LogistError) -> Int in
      guard let number = Int(text), number > 0 else {
        throw ArgumentScanner.usage("job logs", "--run takes a run's history number, got \"\(text)\"")
      }
      return number
    }
    let tail = try args.option("tail").map { (text: String) throws(LogistError) -> Int in
      guard let lines = Int(text), lines >= 0 else {
        throw ArgumentScanner.usage("job logs", "--tail takes a number of lines, got \"\(text)\"")
      }
      return lines
    }
    guard args.flag("follow") else {
      guard let log = try engine.runLog(id, run: run) else {
        context.err("job \(id) has no run yet: `\(context.prefix) job logs \(id) -f` waits for one\n")
        return 0
      }
      try Console.data(LogFile.read(log.url, tail: tail))
      return 0
    }
    try LogFile.follow(engine, id: id, run: run, tail: tail, context: context)
    return 0
  }
}

/// Reading and following log files for `job logs`.
enum LogFile {
  /// The file's bytes, or only its last `tail` lines (read from its last 8 MiB at most).
  static func read(_ url: URL, tail: Int?) throws(LogistError) -> Data {
    guard let handle = FileHandle(forReadingAtPath: url.path) else { return Data() }
    defer { try? handle.close() }
    guard let tail else { return (try? handle.readToEnd()) ?? Data() }
    let size = (try? handle.seekToEnd()) ?? 0
    let window: UInt64 = 8 << 20
    try? handle.seek(toOffset: size > window ? size - window : 0)
    let data = (try? handle.readToEnd()) ?? Data()
    var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return Data(lines.suffix(tail).map { Data($0) + Data([0x0A]) }.joined())
  }

  /// Follows job `id`'s logs until no process runs it any more (see `job logs --help`).
  static func follow(_ engine: Engine, id: String, run: Int?, tail: Int?, context: CommandContext) throws(LogistError) {
    var current: RunLog? = nil
    var offset: UInt64 = 0
    var sawRunner = engine.isRunning(id)
    while true {
      let running = engine.isRunning(id)
      sawRunner = sawRunner || running
      if let log = try engine.runLog(id, run: run), log != current, run == nil || current == nil {
        if let current { offset = drain(current.url, from: offset) }
        if current != nil { try Console.data(Data("=== run \(log.run)\n".utf8)) }
        current = log
        offset = 0
        if let tail {
          try Console.data(read(log.url, tail: tail))
          offset = size(of: log.url)
        }
      }
      if let current { offset = drain(current.url, from: offset) }
      if !running && (sawRunner || run != nil || current != nil && !waitsForFirstRun(engine, id)) {
        if let current { _ = drain(current.url, from: offset) }
        return
      }
      usleep(200_000)
    }
  }

  /// Whether a job nobody runs is worth waiting for: it is ready (a `job run` may start it).
  private static func waitsForFirstRun(_ engine: Engine, _ id: String) -> Bool {
    (try? engine.inspect(id).status) == .ready
  }

  /// Prints what `url` gained since `offset`; returns the new offset.
  private static func drain(_ url: URL, from offset: UInt64) -> UInt64 {
    guard let handle = FileHandle(forReadingAtPath: url.path) else { return offset }
    defer { try? handle.close() }
    try? handle.seek(toOffset: offset)
    var position = offset
    while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
      try? Console.data(chunk)
      position += UInt64(chunk.count)
    }
    return position
  }

  private static func size(of url: URL) -> UInt64 {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.uint64Value ?? 0
  }
}
