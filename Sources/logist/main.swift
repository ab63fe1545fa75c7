// The `logist` executable: everything lives in LogistCLI and LogistCore.
import Foundation
import LogistCLI
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

ChildRegistry.ownsAllChildren()
exit(CLI.main(Array(CommandLine.arguments.dropFirst())))
