import Foundation

/// Where roles come from when a job is created (or its roles are refreshed), lowest precedence
/// first: the built-in roles, the user's own overlays (`$XDG_CONFIG_HOME/logist/roles`), the overlay
/// directory named on the command line (`--roles-dir` / `$LOGIST_ROLES_DIR`), and on top a template's
/// own `roles/` directory beside its `job.json`. The current directory is never a source.
public struct RoleSource: Sendable {
  /// `$XDG_CONFIG_HOME/logist/roles` (default `~/.config/logist/roles`); used when it exists.
  public var userDirectory: URL?
  /// `--roles-dir` / `$LOGIST_ROLES_DIR`; must exist when given.
  public var overlayDirectory: URL?

  /// A source of these directories.
  public init(userDirectory: URL?, overlayDirectory: URL?) {
    self.userDirectory = userDirectory
    self.overlayDirectory = overlayDirectory
  }

  /// Only the built-in roles.
  public static let builtIn = RoleSource(userDirectory: nil, overlayDirectory: nil)

  /// The user's role directory for an environment: `$XDG_CONFIG_HOME/logist/roles`, else
  /// `$HOME/.config/logist/roles`.
  public static func userDirectory(environment: [String: String]) -> URL? {
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
      return URL(fileURLWithPath: config).appendingPathComponent("logist/roles", isDirectory: true)
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return URL(fileURLWithPath: home).appendingPathComponent(".config/logist/roles", isDirectory: true)
  }

  /// The overlay directories that exist, lowest precedence first, with `template`'s `roles/` on top.
  public func overlays(template: URL? = nil) throws(LogistError) -> [URL] {
    if let overlayDirectory, !FileManager.default.fileExists(atPath: overlayDirectory.path) {
      throw .invalid(
        "roles directory \(overlayDirectory.path) does not exist; check --roles-dir or LOGIST_ROLES_DIR")
    }
    let templateRoles = template?.appendingPathComponent("roles", isDirectory: true)
    return [userDirectory, overlayDirectory, templateRoles].compactMap { $0 }.filter {
      FileManager.default.fileExists(atPath: $0.path)
    }
  }

  /// The roles these directories give (with `template`'s `roles/` on top).
  public func registry(template: URL? = nil) throws(LogistError) -> RoleRegistry {
    try RoleRegistry.load(overlays: try overlays(template: template))
  }
}
