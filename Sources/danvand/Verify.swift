import ArgumentParser
import DanvanServer
import DanvanStorage
import Foundation

/// `danvand verify`: check every record offline.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every record of the log (CRC, framing, sequence) and print a summary.",
        discussion: "Exits 0 when the log is clean (a torn tail, which the daemon repairs on start, is reported but not an error), 1 when it finds corruption.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try ConfigurationLoader.loadOrExit(options)
        if let problem = StartupChecks.stateDirectoryToRead(configuration.stateDirectory) {
            FileHandle.standardError.write(Data("danvand verify: \(problem.message)\n".utf8))
            throw ExitCode(problem.exitCode)
        }
        let report = LogVerifier.verify(directory: configuration.stateDirectory)
        print(report.description)
        if report.hasCorruption { throw ExitCode(1) }
    }
}
