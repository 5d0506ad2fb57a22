import ArgumentParser
import DanvanServer
import DanvanStorage
import Foundation

/// `danvand repair`: cut a corrupted log after its last good record.
struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cut a corrupted log after its last good record (explicit; danvand never does this by itself).",
        discussion: """
            The daemon must be stopped. Events after the cut are lost to the log: take a copy of the \
            state directory first, and prefer restoring a backup. The cut bytes are moved to '.broken' \
            files beside the segments, never deleted. Prints how many events were lost. Exits 0 after a \
            repair or when there is nothing to repair.
            """)

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try ConfigurationLoader.loadOrExit(options)
        let directory = configuration.stateDirectory
        let lock: DirectoryLock
        do throws(StartupProblem) {
            if let problem = StartupChecks.stateDirectory(directory, create: false) { throw problem }
            do {
                lock = try DirectoryLock.acquire(directory: directory)
            } catch {
                throw StartupProblem.storage(error, directory: directory)
            }
        } catch {
            FileHandle.standardError.write(Data("danvand repair: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        defer { lock.release() }
        do {
            let report = try LogRepair.run(directory: configuration.stateDirectory)
            print(report.description)
        } catch {
            FileHandle.standardError.write(Data("danvand repair: \(error.description)\n".utf8))
            throw ExitCode(DanvanServer.ExitCode.storageFailed)
        }
    }
}
