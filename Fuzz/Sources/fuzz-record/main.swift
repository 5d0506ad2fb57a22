import CLibFuzzer
import Glibc

// libFuzzer's driver with this target's test function: SwiftPM makes this top-level code the
// executable's main, so it runs the driver that libFuzzer's own main would (see CLibFuzzer.h).
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv, fuzzRecord))
