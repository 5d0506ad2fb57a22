import DanvanShell
import Foundation

// danvanctl: the danvan admin shell. Everything lives in DanvanShell so tests can reach it.
exit(DanvanCtl.main(CommandLine.arguments, environment: ProcessInfo.processInfo.environment))
