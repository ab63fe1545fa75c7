import Foundation

/// A generated repository shaped like a real project, made with the git CLI: source files across nested
/// directories, a history of small commits, most objects packed (as after `git gc` or a clone) and the
/// last commits' objects loose.
struct SourceRepository {
  /// Its working directory.
  let path: String
  /// Tracked files.
  let files: Int
  /// Commits.
  let commits: Int

  /// Generates it at `path`: `initialFiles` in the first commit, then each commit adds `added` files and
  /// edits a few lines of `edited` others. Objects are packed after `packedCommits` commits.
  static func generate(
    at path: String, initialFiles: Int = 1_000, commits: Int = 200, added: Int = 5, edited: Int = 5,
    packedCommits: Int = 150
  ) throws -> SourceRepository {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try Spawn.git(["init", "-q", "-b", "main"], in: path)
    var text = TextGenerator(seed: 42)
    var names: [String] = []
    func addFile() throws {
      let number = names.count
      let name = "src/module\(number % 40)/part\(number / 40 % 5)/file\(number).swift"
      let url = URL(fileURLWithPath: path + "/" + name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.file(bytes: 10_000).utf8).write(to: url)
      names.append(name)
    }
    for _ in 0..<initialFiles { try addFile() }
    try commit(path, message: "Initial import")
    for number in 2...commits {
      for _ in 0..<added { try addFile() }
      for _ in 0..<edited {
        let url = URL(fileURLWithPath: path + "/" + names[text.next(names.count)])
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        for _ in 0..<8 { lines[text.next(lines.count - 1)] = text.line() }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
      }
      try commit(path, message: "Change \(number)")
      if number == packedCommits { try Spawn.git(["gc", "-q"], in: path) }
    }
    return SourceRepository(path: path, files: names.count, commits: commits)
  }

  private static func commit(_ path: String, message: String) throws {
    try Spawn.git(["add", "-A"], in: path)
    try Spawn.git(["commit", "-q", "-m", message], in: path)
  }
}

/// Deterministic source-like text (a linear congruential generator over a small vocabulary).
struct TextGenerator {
  private var state: UInt64
  private let words = [
    "let", "var", "func", "return", "guard", "else", "value", "count", "index", "result", "name", "path",
    "items", "config", "error", "state", "buffer", "offset", "limit", "next", "parse", "render", "update",
    "request", "response", "cache", "store", "record", "token", "event", "handler", "context", "options",
  ]

  /// A generator starting from `seed`.
  init(seed: UInt64) { state = seed }

  /// A number in `0..<bound`.
  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(max(bound, 1)))
  }

  /// One line of code-like text.
  mutating func line() -> String {
    let indent = String(repeating: "  ", count: next(4))
    let body = (0..<(3 + next(8))).map { _ in words[next(words.count)] }.joined(separator: " ")
    return indent + body + (next(3) == 0 ? " // \(words[next(words.count)]) \(next(10_000))" : "")
  }

  /// About `bytes` bytes of lines.
  mutating func file(bytes: Int) -> String {
    var text = ""
    while text.utf8.count < bytes { text += line() + "\n" }
    return text
  }
}
