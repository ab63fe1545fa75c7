import CGit2
import Foundation

/// A hook for `logist-bench`: makes a job workspace from a local repository exactly as `job create` does,
/// but with a chosen libgit2 local clone mode, so the modes can be timed against each other.
public enum WorkspaceBench {
  /// libgit2's ways of cloning a repository on this machine.
  public enum CloneMode: String, CaseIterable, Sendable {
    /// `GIT_CLONE_LOCAL_NO_LINKS`: object files are copied.
    case copyObjects = "GIT_CLONE_LOCAL_NO_LINKS"
    /// `GIT_CLONE_LOCAL`: object files are hard-linked when on the same file system.
    case hardLinks = "GIT_CLONE_LOCAL"
    /// `GIT_CLONE_NO_LOCAL`: fetched through the git transport (a new pack, objects verified).
    case transport = "GIT_CLONE_NO_LOCAL"

    /// The libgit2 value.
    var libgit2: git_clone_local_t {
      switch self {
      case .copyObjects: return GIT_CLONE_LOCAL_NO_LINKS
      case .hardLinks: return GIT_CLONE_LOCAL
      case .transport: return GIT_CLONE_NO_LOCAL
      }
    }
  }

  /// The mode `job create` uses.
  public static var production: CloneMode {
    CloneMode.allCases.first { $0.libgit2 == WorkspaceBuilder.localCloneMode } ?? .copyObjects
  }

  /// Makes job `jobID`'s workspace (`workspace` and `workspace.git`) in the existing directory `jobDirectory`
  /// from the local git repository at `repository` (its HEAD), cloned with `mode`. Returns the base commit.
  public static func createWorkspace(from repository: String, jobID: String, in jobDirectory: URL, mode: CloneMode)
    throws(LogistError) -> String
  {
    let source = try SourceResolver.resolve(
      location: repository, ref: nil, relativeTo: URL(fileURLWithPath: "/"), seed: nil)
    guard case .localGit = source.origin else {
      throw .invalid("\(repository) is not a local git repository; pass the path of one")
    }
    let made = try WorkspaceBuilder.build(source, jobID: jobID, in: jobDirectory, date: Date(), localMode: mode.libgit2)
    return made.baseCommit ?? ""
  }
}
