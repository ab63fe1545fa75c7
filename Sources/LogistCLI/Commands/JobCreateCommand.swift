import Foundation
import LogistCore

/// `job create`.
enum JobCreateCommand {
  static let spec = CommandSpec(
    ["job", "create"], "Create a job from a template or a goal",
    discussion: """
      --from copies a template directory (job.json, responses.json, seed/). --goal alone uses the built-in \
      strategy: implement (worker), review (supervisor), approve (steward, a person). Everything is checked \
      before anything is written; the job appears whole or not at all.

      The job works in its own git workspace, <job>/workspace, on branch logist/ID. --repo names the code: a \
      git repository (path, file:// URL, or a URL git can fetch), cloned without sharing objects, or a plain \
      directory, imported as one base commit. Without --repo the template's source, else its seed/ directory, \
      is used; with neither the workspace starts empty. The source is never changed.
      """,
    synopsis:
      "ID (--from TEMPLATE_DIR | --goal TEXT) [--goal TEXT] [--title TEXT] [--responses FILE] [--repo PATH|URL [--ref REF]] [--draft] [--max-cost USD] [--max-time DURATION] …",
    arguments: [ArgumentSpec("ID", "New job id: 1-64 of [A-Za-z0-9._-], starting with a letter or digit")],
    options: [
      .option("from", "TEMPLATE_DIR", "Template directory to copy"),
      .option("goal", "TEXT", "The goal (overrides the template's)"),
      .option("title", "TEXT", "Title (default: the template's, or the goal's first line)"),
      .option("responses", "FILE", "Replay script to copy in as responses.json"),
      .option("repo", "PATH|URL", "Source of the workspace: a git repository or a plain directory"),
      .option("ref", "REF", "Branch, tag or commit of --repo to start from (default: its HEAD)"),
      .flag("draft", "Create as a draft; `job activate` makes it ready"),
    ] + LimitOptions.specs(adding: false)
  ) { args, context throws(LogistError) in
    guard args.option("from") != nil || args.option("goal") != nil else {
      throw ArgumentScanner.usage("job create", "give --from TEMPLATE_DIR or --goal TEXT")
    }
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    let url = { (path: String) in URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL }
    var request = JobRequest(
      id: args.argument("ID"), template: args.option("from").map(url), goal: args.option("goal"),
      title: args.option("title"), responses: args.option("responses").map(url), draft: args.flag("draft"),
      repo: args.option("repo"), ref: args.option("ref"), workingDirectory: cwd)
    request.limits = try LimitOptions.update(args, command: "job create", adding: false)
    let job = try context.engine().create(request)
    context.out(
      "created job \(job.id) (\(job.status.rawValue), \(job.phases.count) phases) in \(context.store.directory(job.id).path)\n"
    )
    if let source = job.source, let base = source.baseCommit {
      let from = source.location.map { " from \($0)" + (source.ref.map { " at \($0)" } ?? "") } ?? ""
      context.out(
        "workspace: branch logist/\(job.id) at \(base.prefix(12)) (\(source.kind?.rawValue ?? "git")\(from))\n")
    }
    if let next = Output.nextCommand(for: job, prefix: context.prefix) { context.out("next: \(next)\n") }
    return 0
  }
}
