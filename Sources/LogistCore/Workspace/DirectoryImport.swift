import Foundation

/// Copies a plain directory into a new workspace: regular files (with their mode), directories and
/// symbolic links (as links). Anything else (a FIFO, a socket, a device) is refused rather than read,
/// and `.git` entries are skipped.
enum DirectoryImport {
  /// Copies the contents of `source` into the existing directory `target`.
  static func copy(from source: String, to target: String) throws(LogistError) {
    let fm = FileManager.default
    let names: [String]
    do {
      names = try fm.contentsOfDirectory(atPath: source).sorted()
    } catch {
      throw .invalid("cannot read \(source): \(error.localizedDescription)")
    }
    for name in names where name != ".git" {
      let from = source + "/" + name
      let to = target + "/" + name
      var info = stat()
      guard lstat(from, &info) == 0 else { throw SystemCall.failure("lstat", from) }
      do {
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
          try fm.createDirectory(atPath: to, withIntermediateDirectories: false)
          try copy(from: from, to: to)
        case S_IFREG:
          try fm.copyItem(atPath: from, toPath: to)
        case S_IFLNK:
          try fm.createSymbolicLink(atPath: to, withDestinationPath: try fm.destinationOfSymbolicLink(atPath: from))
        default:
          throw LogistError.invalid(
            "cannot import \(from): it is not a file, directory or symbolic link (a FIFO, socket or device); remove it")
        }
      } catch let error as LogistError {
        throw error
      } catch {
        var text = "cannot copy \(from): \(error.localizedDescription)"
        if text.hasSuffix(".") { text.removeLast() }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        let full = SystemCall.saysDiskFull(text) || underlying?.code == Int(ENOSPC)
        throw LogistError(.system, full ? text + "; " + SystemCall.diskFullAdvice : text)
      }
    }
  }
}
