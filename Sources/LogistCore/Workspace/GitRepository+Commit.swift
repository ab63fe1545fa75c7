import CGit2
import Foundation

extension GitRepository {
  /// Stages the whole working directory into the index (new, changed and deleted files, `.gitignore`
  /// respected), writes the index, and returns the id of the tree it holds.
  func stageAll() throws(LogistError) -> String {
    var index: OpaquePointer?
    try Git.check(git_repository_index(&index, pointer), "cannot open the index of \(path)")
    defer { git_index_free(index) }
    try Git.check(
      git_index_add_all(index, nil, GIT_INDEX_ADD_DEFAULT.rawValue, nil, nil), "cannot stage the files of \(path)")
    try Git.check(git_index_update_all(index, nil, nil, nil), "cannot stage deleted files of \(path)")
    try Git.check(git_index_write(index), "cannot write the index of \(path)")
    var tree = git_oid()
    try Git.check(git_index_write_tree(&tree, index), "cannot write the tree of \(path)")
    return Git.hex(tree)
  }

  /// Creates a commit of `tree` with `parent` (none for a root commit) signed by Logist at `date`, moving
  /// `updateRef` (e.g. `HEAD`) to it when given. Returns the new commit id.
  func commit(tree: String, parent: String?, message: String, date: Date, updateRef: String?) throws(LogistError)
    -> String
  {
    var treeOID = try Git.oid(tree)
    var treeObject: OpaquePointer?
    try Git.check(git_tree_lookup(&treeObject, pointer, &treeOID), "cannot find tree \(tree) in \(path)")
    defer { git_tree_free(treeObject) }
    return try withSignature(at: date) { signature throws(LogistError) -> String in
      var result = git_oid()
      let make = { (parents: [OpaquePointer?]) -> Int32 in
        var list = parents
        return list.withUnsafeMutableBufferPointer { buffer in
          git_commit_create(
            &result, self.pointer, updateRef, signature, signature, "UTF-8", message, treeObject, buffer.count,
            buffer.baseAddress)
        }
      }
      if let parent {
        try withCommit(parent) { parentCommit throws(LogistError) in
          try Git.check(make([parentCommit]), "cannot commit in \(path)")
        }
      } else {
        try Git.check(make([]), "cannot commit in \(path)")
      }
      return Git.hex(result)
    }
  }

  /// Commits the whole working directory (uncommitted changes included) with HEAD as parent on reference
  /// `reference`, leaving HEAD and the current branch where they are. Returns the new commit.
  func saveWorkingDirectory(on reference: String, message: String, date: Date) throws(LogistError) -> String {
    try commit(tree: try stageAll(), parent: try headCommit(), message: message, date: date, updateRef: reference)
  }

  /// Commits everything in the working directory on top of HEAD, unless it equals HEAD's tree.
  /// Returns the commit that now holds the working directory and whether it is new.
  func commitWorkingDirectory(message: String, date: Date, updateRef: String = "HEAD") throws(LogistError)
    -> (commit: String, created: Bool)
  {
    let tree = try stageAll()
    let head = try headCommit()
    if let head, try treeID(ofCommit: head) == tree { return (head, false) }
    return (try commit(tree: tree, parent: head, message: message, date: date, updateRef: updateRef), true)
  }
}
