import CGit2
import Foundation

/// A job source, checked and classified before anything is made.
struct ResolvedSource {
  /// What kind of thing it is and where.
  enum Origin: Equatable {
    /// A git repository on this machine (path or `file://` URL), cloned without sharing objects.
    case localGit(path: String)
    /// A git repository behind a URL libgit2 fetches.
    case remoteGit(url: String)
    /// A plain directory, imported as one commit.
    case directory(path: String)
    /// Nothing: an empty base commit.
    case empty
  }

  /// What to clone or import.
  var origin: Origin
  /// The location as recorded in the manifest.
  var location: String?
  /// The ref to start from.
  var ref: String?

  /// The manifest's source kind.
  var kind: SourceKind {
    switch origin {
    case .localGit, .remoteGit: return .git
    case .directory: return .directory
    case .empty: return .empty
    }
  }
}

/// Turns `--repo`/`--ref` (or a template's `source`, or its `seed/`) into a ``ResolvedSource``.
enum SourceResolver {
  /// `location` relative paths are resolved against `base`; with no location, `seed` (a directory) is
  /// imported when it exists, else the workspace starts empty.
  static func resolve(location: String?, ref: String?, relativeTo base: URL, seed: URL?) throws(LogistError)
    -> ResolvedSource
  {
    guard let location else {
      if let ref { throw LogistError(.usage, "--ref \(ref) needs a git source: give --repo too") }
      if let seed, isDirectory(seed.path) {
        return ResolvedSource(origin: .directory(path: seed.standardizedFileURL.path), location: seed.path, ref: nil)
      }
      return ResolvedSource(origin: .empty, location: nil, ref: nil)
    }
    if let url = URL(string: location), let scheme = url.scheme?.lowercased(), location.contains("://") {
      if scheme == "file" {
        let path = url.path
        try requireReadableDirectory(path, named: location)
        guard try isRepository(path, named: location) else {
          throw .invalid("source \(location) is not a git repository; pass a plain directory as a path, not a URL")
        }
        return ResolvedSource(origin: .localGit(path: path), location: location, ref: ref)
      }
      return ResolvedSource(origin: .remoteGit(url: location), location: location, ref: ref)
    }
    let path = base.appendingPathComponent(location).standardizedFileURL.path
    let absolute = location.hasPrefix("/") ? URL(fileURLWithPath: location).standardizedFileURL.path : path
    if !FileManager.default.fileExists(atPath: absolute), isSCPLike(location) {
      return ResolvedSource(origin: .remoteGit(url: location), location: location, ref: ref)
    }
    try requireReadableDirectory(absolute, named: absolute)
    if try isRepository(absolute, named: absolute) {
      return ResolvedSource(origin: .localGit(path: absolute), location: absolute, ref: ref)
    }
    if let ref {
      throw .invalid("source \(absolute) is a plain directory, not a git repository, so --ref \(ref) cannot apply")
    }
    return ResolvedSource(origin: .directory(path: absolute), location: absolute, ref: nil)
  }

  /// `host:path` or `user@host:path` (scp-style ssh), as git reads it.
  private static func isSCPLike(_ location: String) -> Bool {
    guard let colon = location.firstIndex(of: ":") else { return false }
    let head = location[..<colon]
    return !head.isEmpty && !head.contains("/")
  }

  private static func isDirectory(_ path: String) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
  }

  private static func requireReadableDirectory(_ path: String, named name: String) throws(LogistError) {
    var directory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &directory) else {
      throw .invalid("source \(name) does not exist: pass --repo an existing git repository, directory or URL")
    }
    guard directory.boolValue else {
      throw .invalid("source \(name) is a file: pass --repo a git repository or a directory")
    }
    guard access(path, R_OK | X_OK) == 0 else {
      throw .invalid("cannot read source \(name): permission denied; make it readable or run as its owner")
    }
  }

  /// Whether `path` is itself a git repository (working tree root or bare), explaining an ownership refusal.
  private static func isRepository(_ path: String, named name: String) throws(LogistError) -> Bool {
    Git.prepare()
    var repo: OpaquePointer?
    let code = git_repository_open_ext(&repo, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil)
    if code == 0 {
      git_repository_free(repo)
      return true
    }
    let message = Git.lastMessage(code)
    if message.contains("safe.directory") || message.contains("not owned by current user") {
      var info = stat()
      let owner = stat(path, &info) == 0 ? "uid \(info.st_uid)" : "another user"
      throw .invalid(
        "source \(name) is owned by \(owner), not by you (uid \(getuid())), and git refuses repositories of "
          + "other users (its safe.directory check); run logist as that user, or copy it (`cp -a`) and pass the copy")
    }
    return false
  }
}
