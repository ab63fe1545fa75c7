/// What a job's workspace was made from.
public enum SourceKind: String, Codable, Sendable {
  /// A git repository: a local path, a `file://` URL, or a remote URL.
  case git
  /// A plain directory, imported as the single base commit of a new repository.
  case directory
  /// Nothing: the workspace starts from an empty base commit.
  case empty
}

/// The `source` of a job: in a template, where to get the code (`location`, `ref`); in a job, also what
/// it resolved to (`kind`, `baseCommit`).
public struct JobSource: Codable, Sendable, Equatable {
  /// Git repository, plain directory, or nothing.
  public var kind: SourceKind?
  /// Path or URL as resolved at creation (absolute for local paths); in a template, a path may be
  /// relative to the template directory.
  public var location: String?
  /// Branch, tag or commit the job started from (git sources only; default: the source's HEAD).
  public var ref: String?
  /// The commit the job branch starts from.
  public var baseCommit: String?

  /// Makes a source.
  public init(kind: SourceKind? = nil, location: String? = nil, ref: String? = nil, baseCommit: String? = nil) {
    self.kind = kind
    self.location = location
    self.ref = ref
    self.baseCommit = baseCommit
  }
}
