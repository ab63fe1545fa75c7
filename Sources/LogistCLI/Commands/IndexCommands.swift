import Foundation
import LogistCore

/// `logist search`, `logist stats`, `logist index rebuild`.
enum IndexCommands {
  static let search = CommandSpec(
    ["search"], "Search the goals, summaries and feedback of every job",
    discussion: """
      Full-text search (SQLite FTS5, English stemming): every word must match, a word ending in * matches \
      as a prefix. Hits are ranked best first; the matching words are shown between [ and ].
      """,
    arguments: [ArgumentSpec("TEXT", "The words to look for (quote several)")],
    options: [.option("limit", "N", "At most N hits (default 20)"), .json]
  ) { args, context throws(LogistError) in
    let limit = try positive(args.option("limit"), default: 20, command: "search", option: "limit")
    let text = args.argument("TEXT")
    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ArgumentScanner.usage("search", "TEXT must hold at least one word")
    }
    let hits = try context.index()?.search(text, limit: limit) ?? []
    if args.flag("json") {
      context.out(try Output.json(hits))
      return 0
    }
    guard !hits.isEmpty else {
      context.out("no match for \"\(text)\" in \(context.jobsDirectory.path)\n")
      return 0
    }
    var rows = [["job", "where", "match"]]
    for hit in hits {
      let place = hit.entry > 0 ? "\(hit.field) #\(hit.entry)" : hit.field
      rows.append([hit.job, place, hit.snippet.replacingOccurrences(of: "\n", with: " ")])
    }
    context.out(Output.table(rows))
    return 0
  }

  static let stats = CommandSpec(
    ["stats"], "Jobs by status, spend by role and model, success rate",
    discussion: """
      With --since T, counts jobs created and phase runs started since T. Spend includes superseded and \
      interrupted runs (money spent stays spent).
      """,
    options: [.option("since", "T", "Only since T (2026-11-21, 2026-11-21T09:00:00Z, 30m, 24h, 7d)"), .json]
  ) { args, context throws(LogistError) in
    let since = try bound(args.option("since"), command: "stats")
    let stats = try context.index()?.stats(since: since) ?? .empty(since: since)
    if args.flag("json") {
      context.out(try Output.json(stats))
      return 0
    }
    context.out(StatsFormatter.format(stats))
    return 0
  }

  static let rebuild = CommandSpec(
    ["index", "rebuild"], "Rebuild logist.db from the job directories",
    discussion: """
      Deletes <jobs-dir>/logist.db and builds it again from every job's job.json and events.jsonl, the lock \
      conflicts and the batch files. Never needed for correctness (the index repairs itself); useful after \
      restoring jobs from a backup.
      """
  ) { _, context throws(LogistError) in
    guard FileManager.default.fileExists(atPath: context.jobsDirectory.path) else {
      context.out("no jobs directory at \(context.jobsDirectory.path); nothing to index\n")
      return 0
    }
    let started = Date()
    let report = try JobIndex.rebuild(context.store)
    let millis = Int(Date().timeIntervalSince(started) * 1000)
    var text = "index rebuilt: \(plural(report.jobs, "job")), \(plural(report.runs, "phase run")), "
    text +=
      "\(plural(report.events, "event")), \(report.batches) \(report.batches == 1 ? "batch" : "batches") in \(millis) ms"
    if report.unreadable > 0 { text += " (\(report.unreadable) unreadable, see `logist job list`)" }
    context.out(text + "\n")
    return 0
  }

  /// `--since T` checked.
  static func bound(_ text: String?, command: String) throws(LogistError) -> Date? {
    guard let text else { return nil }
    guard let date = TimeBound.parse(text) else {
      throw ArgumentScanner.usage(command, "--since \(text) is not a time; give \(TimeBound.forms)")
    }
    return date
  }

  /// A positive integer option, or its default.
  static func positive(_ text: String?, default value: Int, command: String, option: String) throws(LogistError)
    -> Int
  {
    guard let text else { return value }
    guard let number = Int(text), number >= 1 else {
      throw ArgumentScanner.usage(command, "--\(option) must be a positive integer, got \"\(text)\"")
    }
    return number
  }
}
