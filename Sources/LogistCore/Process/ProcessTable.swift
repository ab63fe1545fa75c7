import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One process as `/proc/PID/stat` shows it.
struct ProcessEntry: Sendable, Equatable {
  /// Its id.
  var pid: Int32
  /// Its parent's id.
  var parent: Int32
  /// Its process group.
  var group: Int32
  /// `R`, `S`, `Z` (a zombie: exited, not yet reaped) …
  var state: Character
}

/// Linux's process table, read from `/proc`: who is alive, who started whom, and what a process
/// carries in its environment.
enum ProcessTable {
  /// Every process this user can see, by id.
  static func snapshot() -> [Int32: ProcessEntry] {
    var entries: [Int32: ProcessEntry] = [:]
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return entries }
    for name in names {
      guard let pid = Int32(name), let entry = entry(pid) else { continue }
      entries[pid] = entry
    }
    return entries
  }

  /// The process `pid`, or nil when there is none.
  static func entry(_ pid: Int32) -> ProcessEntry? {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
    // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so split after the last ')'.
    guard let close = data.lastIndex(of: UInt8(ascii: ")")) else { return nil }
    let fields = String(decoding: data[(close + 1)...], as: UTF8.self).split(separator: " ")
    guard fields.count >= 3, let state = fields[0].first, let parent = Int32(fields[1]), let group = Int32(fields[2])
    else { return nil }
    return ProcessEntry(pid: pid, parent: parent, group: group, state: state)
  }

  /// The value of variable `name` in the environment process `pid` started with (nil when it has
  /// none, is a zombie, or belongs to another user).
  static func environmentValue(_ pid: Int32, _ name: String) -> String? {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return nil }
    let prefix = Array((name + "=").utf8)
    for entry in data.split(separator: 0, omittingEmptySubsequences: true) where entry.starts(with: prefix) {
      return String(decoding: entry.dropFirst(prefix.count), as: UTF8.self)
    }
    return nil
  }

  /// The command line of `pid`, arguments joined by spaces, at most `limit` characters.
  static func commandLine(_ pid: Int32, limit: Int = 80) -> String {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else {
      let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "?"
      return "[\(comm.trimmingCharacters(in: .whitespacesAndNewlines))]"
    }
    let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    let text = words.joined(separator: " ")
    return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
  }
}
