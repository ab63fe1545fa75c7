import Foundation
import LogistCore

/// `job diff`, `job patch`, `job export`: what a job changed in its workspace, taken out. None changes the job.
enum JobWorkspaceCommands {
  static let diff = CommandSpec(
    ["job", "diff"], "Print what the job changed: a diff from its base commit to the workspace",
    discussion: """
      The diff goes from the job's base commit to the workspace's files as they are now: committed, \
      uncommitted and untracked files (ignored ones are left out). Binary files are git binary patches, so \
      `git apply` applies the output onto the base commit. With --stat, a diffstat instead.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [.flag("stat", "Print a diffstat (files changed, insertions, deletions) instead")]
  ) { args, context throws(LogistError) in
    try Console.data(try context.engine().workspaceDiff(args.argument("ID"), stat: args.flag("stat")))
    return 0
  }

  static let patch = CommandSpec(
    ["job", "patch"], "Print the job branch as a patch series (mbox) for `git am`",
    discussion: """
      One mail per commit on the job branch after the base commit (first parents, oldest first): \
      [PATCH n/m] with the commit's message, author and date, binary files included. `git am` applies it \
      onto the base commit. Uncommitted changes are not in the series (a note on standard error says so); \
      commits that change nothing are left out.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [.option("output", "FILE", "Write the series to FILE (replaced atomically) instead", short: "o")]
  ) { args, context throws(LogistError) in
    let id = args.argument("ID")
    let url = try args.option("output").map { (path: String) throws(LogistError) -> URL in try outputURL(path) }
    let series = try context.engine().patchSeries(id)
    notes(series, id: id, context)
    guard let url, let output = args.option("output") else {
      try Console.data(series.mbox)
      return 0
    }
    try AtomicFile.write(series.mbox, to: url, mode: 0o644)
    context.out(
      "wrote \(series.commits.count) patch\(series.commits.count == 1 ? "" : "es") "
        + "(\(series.base.prefix(12))..\(series.tip.prefix(12))) to \(output)\n")
    return 0
  }

  static let export = CommandSpec(
    ["job", "export"], "Write the job branch into its local git source as logist/<id>",
    discussion: """
      Copies the branch into the source repository the job was made from (a local path or file:// URL) \
      as refs/heads/logist/<id>, and changes nothing else there. Refused for a remote or non-git source \
      (use `job patch`), when that branch is checked out in the source, and when it exists, unless --force.
      """,
    arguments: [ArgumentSpec("ID", "Job id")],
    options: [.flag("force", "Replace the branch in the source if it already exists")]
  ) { args, context throws(LogistError) in
    let result = try context.engine().exportBranch(args.argument("ID"), force: args.flag("force"))
    let branch = result.reference.replacingOccurrences(of: "refs/heads/", with: "")
    var line = "exported \(branch) (\(result.commit.prefix(12))) to \(result.source)"
    if let old = result.replaced, old != result.commit { line += ", replacing \(old.prefix(12))" }
    context.out(line + "\n")
    return 0
  }

  /// Says on standard error what the series leaves out.
  private static func notes(_ series: PatchSeries, id: String, _ context: CommandContext) {
    if let archive = series.archive {
      context.err("note: job \(id)'s workspace was removed by `job gc`; this is the series it kept in \(archive)\n")
    }
    if !series.uncommitted.isEmpty {
      context.err(
        "note: \(plural(series.uncommitted.count, "uncommitted change")) in the workspace not in the series "
          + "(`\(context.prefix) job diff \(id)` shows them)\n")
    }
    if !series.emptyCommits.isEmpty {
      context.err("note: left out \(plural(series.emptyCommits.count, "commit")) that change nothing\n")
    }
    if series.commits.isEmpty {
      context.err(
        "note: job \(id) has no commit after its base commit \(series.base.prefix(12)); the series is empty\n")
    }
  }

  /// `path` as a file URL whose directory exists.
  private static func outputURL(_ path: String) throws(LogistError) -> URL {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    var isDirectory: ObjCBool = false
    let directory = url.deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .invalid("cannot write \(path): directory \(directory) does not exist; create it or pick another FILE")
    }
    return url
  }
}
