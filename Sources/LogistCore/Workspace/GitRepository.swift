import CGit2
import Foundation

/// An open libgit2 repository. Not `Sendable`: use it on one thread and let it go.
final class GitRepository {
  /// The `git_repository *`.
  let pointer: OpaquePointer
  /// Where it was opened from (for messages).
  let path: String

  private init(pointer: OpaquePointer, path: String) {
    self.pointer = pointer
    self.path = path
  }

  deinit { git_repository_free(pointer) }

  /// Opens the repository at `path` exactly (no search upwards); a `.git` file is followed.
  static func open(_ path: String) throws(LogistError) -> GitRepository {
    Git.prepare()
    var repo: OpaquePointer?
    let code = git_repository_open_ext(&repo, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil)
    try Git.check(code, "cannot open the git repository at \(path)")
    guard let repo else { throw LogistError(.system, "cannot open the git repository at \(path)") }
    return GitRepository(pointer: repo, path: path)
  }

  /// Creates a new, empty repository with a working directory at `path`.
  static func create(_ path: String) throws(LogistError) -> GitRepository {
    Git.prepare()
    var repo: OpaquePointer?
    try Git.check(git_repository_init(&repo, path, 0), "cannot create a git repository at \(path)")
    guard let repo else { throw LogistError(.system, "cannot create a git repository at \(path)") }
    return GitRepository(pointer: repo, path: path)
  }

  /// Takes ownership of a pointer libgit2 returned (from a clone).
  static func adopt(_ pointer: OpaquePointer, path: String) -> GitRepository {
    GitRepository(pointer: pointer, path: path)
  }

  /// The working directory, without a trailing slash.
  var workdir: String? {
    guard let text = git_repository_workdir(pointer) else { return nil }
    let path = String(cString: text)
    return path.hasSuffix("/") ? String(path.dropLast()) : path
  }

  /// The commit id HEAD points at, or nil for an unborn HEAD.
  func headCommit() throws(LogistError) -> String? {
    var oid = git_oid()
    let code = git_reference_name_to_id(&oid, pointer, "HEAD")
    if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
    try Git.check(code, "cannot read HEAD of \(path)")
    return Git.hex(oid)
  }

  /// The commit id a full reference name points at, or nil when there is no such reference.
  func referenceTarget(_ name: String) throws(LogistError) -> String? {
    var oid = git_oid()
    let code = git_reference_name_to_id(&oid, pointer, name)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try Git.check(code, "cannot read \(name) in \(path)")
    return Git.hex(oid)
  }

  /// Points reference `name` at `commit` (creating or moving it), logging `message`.
  func setReference(_ name: String, to commit: String, message: String) throws(LogistError) {
    var oid = try Git.oid(commit)
    var ref: OpaquePointer?
    try Git.check(git_reference_create(&ref, pointer, name, &oid, 1, message), "cannot set \(name) in \(path)")
    git_reference_free(ref)
  }

  /// Makes HEAD the symbolic reference `name` (a branch that may not exist yet).
  func setHead(_ name: String) throws(LogistError) {
    try Git.check(git_repository_set_head(pointer, name), "cannot point HEAD at \(name) in \(path)")
  }

  /// Runs `body` with the commit `id` looked up (and frees it after).
  func withCommit<T>(_ id: String, _ body: (OpaquePointer) throws(LogistError) -> T) throws(LogistError) -> T {
    var oid = try Git.oid(id)
    var commit: OpaquePointer?
    try Git.check(git_commit_lookup(&commit, pointer, &oid), "cannot find commit \(id) in \(path)")
    guard let commit else { throw LogistError(.system, "cannot find commit \(id) in \(path)") }
    defer { git_commit_free(commit) }
    return try body(commit)
  }

  /// The tree id of commit `id`.
  func treeID(ofCommit id: String) throws(LogistError) -> String {
    try withCommit(id) { commit throws(LogistError) in
      guard let tree = git_commit_tree_id(commit) else { throw LogistError(.system, "commit \(id) has no tree") }
      return Git.hex(tree.pointee)
    }
  }

  /// Resolves a revision (`main`, `v1.0`, `origin/dev`, a commit id) to a commit id, or nil if it names nothing.
  func resolveCommit(_ revision: String) -> String? {
    var object: OpaquePointer?
    guard git_revparse_single(&object, pointer, revision + "^{commit}") == 0, let object else { return nil }
    defer { git_object_free(object) }
    guard let oid = git_object_id(object) else { return nil }
    return Git.hex(oid.pointee)
  }

  /// Names of references under `prefix` (`refs/heads/`), without the prefix, sorted.
  func referenceNames(under prefix: String) -> [String] {
    var array = git_strarray()
    guard git_reference_list(&array, pointer) == 0 else { return [] }
    defer { git_strarray_dispose(&array) }
    var names: [String] = []
    for index in 0..<array.count {
      guard let name = array.strings[index].map({ String(cString: $0) }), name.hasPrefix(prefix) else { continue }
      names.append(String(name.dropFirst(prefix.count)))
    }
    return names.sorted()
  }

  /// The signature of Logist's commits, dated `date`.
  func withSignature<T>(at date: Date, _ body: (UnsafeMutablePointer<git_signature>) throws(LogistError) -> T)
    throws(LogistError) -> T
  {
    var signature: UnsafeMutablePointer<git_signature>?
    let seconds = git_time_t(date.timeIntervalSince1970.rounded(.down))
    try Git.check(
      git_signature_new(&signature, Git.authorName, Git.authorEmail, seconds, 0), "cannot make a commit signature")
    guard let signature else { throw LogistError(.system, "cannot make a commit signature") }
    defer { git_signature_free(signature) }
    return try body(signature)
  }
}
