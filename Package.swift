// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "logist",
  products: [
    .executable(name: "logist", targets: ["logist"]),
    .executable(name: "logist-bench", targets: ["logist-bench"]),
    .library(name: "LogistCore", targets: ["LogistCore"]),
  ],
  targets: [
    .systemLibrary(
      name: "CGit2", pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "CPosix"),
    .target(name: "LogistCore", dependencies: ["CGit2", "CSQLite", "CPosix"]),
    .target(name: "LogistCLI", dependencies: ["LogistCore"]),
    .executableTarget(name: "logist", dependencies: ["LogistCLI", "LogistCore"]),
    .executableTarget(name: "logist-bench", dependencies: ["LogistCore"]),
    .testTarget(name: "LogistCoreTests", dependencies: ["LogistCore"]),
    .testTarget(name: "LogistCLITests", dependencies: ["LogistCLI", "LogistCore"]),
  ],
  swiftLanguageModes: [.v6]
)
