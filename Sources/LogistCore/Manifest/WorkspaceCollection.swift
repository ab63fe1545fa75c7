import Foundation

/// The manifest's record that `logist job gc` removed the job's workspace (`workspace` and
/// `workspace.git`) after keeping its commits as a patch series.
public struct WorkspaceCollection: Codable, Sendable, Equatable {
  /// The archive's file name in the job directory: always `workspace.mbox`.
  public static let archiveName = "workspace.mbox"

  /// When the workspace was removed.
  public var at: Date
  /// Bytes the removed directories took on disk (allocated blocks).
  public var bytes: Int64
  /// The patch series left in its place, relative to the job directory.
  public var archive: String

  /// Makes the record.
  public init(at: Date, bytes: Int64, archive: String = WorkspaceCollection.archiveName) {
    self.at = at
    self.bytes = bytes
    self.archive = archive
  }
}
