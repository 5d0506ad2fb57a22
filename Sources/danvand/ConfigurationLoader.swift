import ArgumentParser
import DanvanServer
import Foundation

/// Builds the effective configuration: defaults, then the file, then flags.
enum ConfigurationLoader {
    /// `load`, for the subcommands: a bad file or flag is printed on stderr and ends the
    /// command with its exit code (64), the same way for every subcommand.
    static func loadOrExit(_ options: CommonOptions, socket: String? = nil) throws(ArgumentParser.ExitCode) -> DaemonConfiguration {
        do {
            return try load(options, socket: socket)
        } catch {
            FileHandle.standardError.write(Data("danvand: \(error.message)\n".utf8))
            throw ArgumentParser.ExitCode(error.exitCode)
        }
    }

    static func load(_ options: CommonOptions, socket: String? = nil) throws(StartupError) -> DaemonConfiguration {
        var configuration = DaemonConfiguration(environment: ProcessInfo.processInfo.environment)
        var fileSetsSocket = false
        if let path = options.config {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw StartupError(ExitCode.usage, "cannot read the configuration file \(path): \(error.localizedDescription)")
            }
            do {
                let file = try ConfigFile(parsing: text)
                fileSetsSocket = file.entries.contains { $0.key == "socket" }
                try configuration.apply(file)
            } catch {
                throw StartupError(ExitCode.usage, "\(path): \(error)")
            }
        }
        if let dir = options.stateDir {
            configuration.stateDirectory = dir
            // By hand, the socket lives in the state directory unless something says otherwise.
            if socket == nil, !fileSetsSocket, ProcessInfo.processInfo.environment["RUNTIME_DIRECTORY"] == nil {
                configuration.socketPath = (dir as NSString).appendingPathComponent("danvand.sock")
            }
        }
        if let socket { configuration.socketPath = socket }
        if let level = options.logLevel {
            do {
                try configuration.apply(try ConfigFile(parsing: "log_level = \(level)"))
            } catch {
                throw StartupError(ExitCode.usage, "--log-level: \(error.message)")
            }
        }
        return configuration
    }
}
