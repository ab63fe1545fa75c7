import Foundation
import LogistCore

/// `logist events`.
enum EventsCommand {
  static let spec = CommandSpec(
    ["events"], "List events: transitions, decisions, conflicts, limits, batch steps",
    discussion: """
      Events come from every job's events.jsonl, the lock conflicts (.locks/conflicts.jsonl), the batch \
      logs (.batches/NAME.events.jsonl) and the index log (.index-events.jsonl), oldest first. --kind \
      takes a kind (phase.ended) or a family (phase). --follow keeps printing new events until interrupted; \
      with --json it prints one JSON object per line.
      """,
    options: [
      .option("job", "ID", "Only this job's events"),
      .option("kind", "K", "Only events of kind K or family K (see docs/index.md)"),
      .option("since", "T", "Only since T (2026-11-21, 2026-11-21T09:00:00Z, 30m, 24h, 7d)"),
      .flag("follow", "Keep printing new events (Ctrl-C stops)"),
      .json,
    ]
  ) { args, context throws(LogistError) in
    var query = EventQuery(since: try IndexCommands.bound(args.option("since"), command: "events"))
    if let job = args.option("job") {
      try context.store.requireJob(job)
      query.job = job
    }
    if let kind = args.option("kind") {
      let kinds = EventKind.allCases.map(\.rawValue)
      let families = Set(kinds.map { String($0.prefix(while: { $0 != "." })) })
      guard kinds.contains(kind) || families.contains(kind) || kinds.contains(where: { $0.hasPrefix(kind + ".") })
      else {
        throw ArgumentScanner.usage(
          "events", "--kind \(kind) is not an event kind (kinds: \(kinds.joined(separator: ", ")))")
      }
      query.kind = kind
    }
    let json = args.flag("json")
    guard let index = try context.index(events: true) else {
      if !args.flag("follow") { context.out(json ? "[]\n" : "no events in \(context.jobsDirectory.path)\n") }
      return 0
    }
    let (events, cursor) = try index.events(query)
    guard args.flag("follow") else {
      if json {
        context.out(try Output.json(events))
      } else if events.isEmpty {
        context.out("no events in \(context.jobsDirectory.path)\n")
      } else {
        context.out(Output.table([["time", "job", "run", "kind", "details"]] + events.map(row)))
      }
      return 0
    }
    var next = cursor
    print(events, json: json, context)
    while true {
      Thread.sleep(forTimeInterval: 0.3)
      try index.refreshEvents()
      query.after = next
      let (more, after) = try index.events(query)
      next = after
      print(more, json: json, context)
    }
  }

  private static func print(_ events: [EventRecord], json: Bool, _ context: CommandContext) {
    for event in events {
      if json {
        let encoder = JSONCoding.encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(event) { context.out(String(decoding: data, as: UTF8.self) + "\n") }
      } else {
        context.out(row(event).map(Output.field).joined(separator: "  ") + "\n")
      }
    }
  }

  /// One event as table cells: time, job, run, kind, `key=value` details.
  static func row(_ event: EventRecord) -> [String] {
    let details = event.payload.keys.sorted().map { key -> String in
      let value = event.payload[key] ?? ""
      return "\(key)=" + (value.contains(" ") ? "\"\(value)\"" : value)
    }.joined(separator: " ")
    let short = details.count > 120 ? String(details.prefix(119)) + "…" : details
    return [
      JSONCoding.format(event.time), event.job.isEmpty ? "-" : event.job, event.run ?? "-", event.kind,
      Output.field(short),
    ]
  }
}
