import ArgumentParser
import DanvanServer
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// `danvand run`: serve until SIGINT or SIGTERM.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the daemon in the foreground (the default).")

    @OptionGroup var options: CommonOptions

    @Option(name: .customLong("socket"), help: "Unix socket path (default: <state-dir>/danvand.sock, or /run/danvan/danvand.sock under systemd).")
    var socket: String?

    func run() async throws {
        let configuration: DaemonConfiguration
        do {
            configuration = try ConfigurationLoader.load(options, socket: socket)
        } catch {
            FileHandle.standardError.write(Data("danvand: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "danvand")
        do {
            try await serve(configuration, logger: logger)
        } catch let error as StartupError {
            logger.critical("\(error.message)")
            throw ExitCode(error.exitCode)
        }
    }

    private func serve(_ configuration: DaemonConfiguration, logger: Logger) async throws {
        logger.info("starting", metadata: ["version": "\(DanvandVersion.string)", "state_dir": "\(configuration.stateDirectory)"])
        let state = try OpenedState.open(
            directory: configuration.stateDirectory, segmentSize: configuration.segmentSize, logger: logger,
            progress: { done, total in logger.info("replaying \(done)/\(total) events") })
        let rate = state.replaySeconds > 0 ? Double(state.replayed.events) / state.replaySeconds : 0
        logger.info("replayed the log", metadata: [
            "events": "\(state.replayed.events)", "seconds": "\(String(format: "%.3f", state.replaySeconds))",
            "events_per_s": "\(Int(rate))", "segments": "\(state.log.segmentCount)",
        ])
        let engine = Engine(replayed: state.replayed, log: state.log, version: DanvandVersion.string)
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let commit = CommitService(engine: engine, log: state.log, pool: pool, logger: logger)
        let server = SocketServer(engine: engine, configuration: configuration, group: group, pool: pool, logger: logger)
        let services = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: commit),
                    .init(service: server),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await services.run()
        } catch let error as StaleSocket.InUse {
            throw StartupError(ExitCode.socketFailed, error.description)
        } catch let error as IOError {
            throw StartupError(ExitCode.socketFailed, "cannot listen on \(configuration.socketPath): \(error)")
        }
        do {
            try state.log.sync()
        } catch {
            throw StartupError(ExitCode.syncFailed, "final sync failed: \(error)")
        }
        state.log.close()
        try? await pool.shutdownGracefully()
        try? await group.shutdownGracefully()
        logger.info("stopped", metadata: ["seq": "\(state.log.durableSeq)"])
    }
}
