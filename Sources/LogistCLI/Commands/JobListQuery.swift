import Foundation
import LogistCore

/// The options of `job list`, checked; and the one case where listing must look past the index.
enum JobListQuery {
  /// The query the options ask for; a bad value is a usage error naming the accepted ones.
  static func parse(_ args: ParsedArguments) throws(LogistError) -> JobQuery {
    var query = JobQuery()
    if let text = args.option("status") {
      guard let status = JobStatus(rawValue: text) else {
        let all = JobStatus.allCases.map(\.rawValue).joined(separator: ", ")
        throw ArgumentScanner.usage("job list", "--status \(text) is not a status (statuses: \(all))")
      }
      query.status = status
    }
    query.phase = args.option("phase")
    if let text = args.option("since") {
      guard let since = TimeBound.parse(text) else {
        throw ArgumentScanner.usage("job list", "--since \(text) is not a time; give \(TimeBound.forms)")
      }
      query.since = since
    }
    if let text = args.option("sort") {
      guard let sort = JobQuery.Sort(rawValue: text) else {
        let all = JobQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")
        throw ArgumentScanner.usage("job list", "--sort \(text) is not a sort key (keys: \(all))")
      }
      query.sort = sort
    }
    return query
  }

  /// A job the index says is `running` on this host whose runner is gone (no one holds its lock) is
  /// recovered to `interrupted` by the engine, as every read command does; its row is replaced.
  static func recoverDeadRunners(_ jobs: [IndexedJob], query: JobQuery, context: CommandContext) throws(LogistError)
    -> [IndexedJob]
  {
    guard jobs.contains(where: { $0.status == .running && !context.store.isLocked($0.id) }) else { return jobs }
    let engine = try context.engine()
    return jobs.compactMap { job in
      guard job.status == .running, !context.store.isLocked(job.id),
        let manifest = try? engine.inspect(job.id)
      else { return job }
      let row = IndexedJob(manifest)
      return query.status == nil || query.status == row.status ? row : nil
    }
  }
}
