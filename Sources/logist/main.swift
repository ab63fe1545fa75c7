// The `logist` executable: everything lives in LogistCLI and LogistCore.
import Foundation
import LogistCLI

#if canImport(Glibc)
  import Glibc
#endif

exit(CLI.main(Array(CommandLine.arguments.dropFirst())))
