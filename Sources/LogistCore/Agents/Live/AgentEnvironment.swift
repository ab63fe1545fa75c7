#if canImport(Glibc)
  import Glibc
#endif

/// The environment an agent process gets: the user's, minus what its role denies, plus the
/// `LOGIST_*` variables that describe the run.
public enum AgentEnvironment {
  /// `base` without the variables matching `deny` (exact names or globs such as `AWS_*`), with `extra` on top.
  public static func build(base: [String: String], deny: [String], extra: [String: String]) -> [String: String] {
    var environment = base.filter { name, _ in !isDenied(name, deny) }
    for (name, value) in extra { environment[name] = value }
    return environment
  }

  /// Whether `name` matches one of the patterns (`fnmatch` globs; case-sensitive, like the environment).
  public static func isDenied(_ name: String, _ patterns: [String]) -> Bool {
    patterns.contains { fnmatch($0, name, 0) == 0 }
  }
}
