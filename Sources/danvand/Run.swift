import ArgumentParser
import DanvanServer
import DanvanStorage
import DanvanSystemd
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// `danvand run`: serve until SIGINT or SIGTERM.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the daemon in the foreground (the default).")

    @OptionGroup var options: CommonOptions

    @Option(name: .customLong("socket"), help: "Unix socket path, at most 103 bytes (default: <state-dir>/danvand.sock, or /run/danvan/danvand.sock under systemd).")
    var socket: String?

    func run() async throws {
        let configuration = try ConfigurationLoader.loadOrExit(options, socket: socket)
        let control = LogLevelControl(Logger.Level(rawValue: configuration.logLevel) ?? .info)
        let destination = DaemonLogging.bootstrap(
            identifier: "danvand", control: control, environment: ProcessInfo.processInfo.environment)
        let logger = Logger(label: "danvand")
        let manager = SystemdServiceManager()
        // `systemctl reload` during a long replay must not kill the daemon (SIGHUP's default
        // action); the reload service takes the signal over once serving.
        signal(SIGHUP, SIG_IGN)
        do {
            try await serve(configuration, logger: logger, manager: manager, control: control, destination: destination)
        } catch let error as StartupError {
            logger.critical("\(error.message)")
            manager.status("failed to start: \(error.message)")
            throw ExitCode(error.exitCode)
        }
    }

    private func serve(
        _ configuration: DaemonConfiguration, logger: Logger, manager: SystemdServiceManager,
        control: LogLevelControl, destination: DaemonLogging.Destination
    ) async throws {
        logger.info("starting", metadata: [
            "version": "\(DanvandVersion.string)", "state_dir": "\(configuration.stateDirectory)", "log": "\(destination.rawValue)",
        ])
        let listener: SocketServer.Listener
        do {
            if let passed = try SocketActivation.listeningUnixSocket(preferredName: "danvand") {
                listener = .adopt(descriptor: passed.descriptor, path: passed.path)
            } else {
                listener = .bind
            }
        } catch {
            throw StartupError(ExitCode.socketFailed, error.description)
        }
        // Before the state directory is created or the log replayed: a state directory or a
        // socket that can never be used fails the start at once, and leaves nothing behind.
        // The state directory first: its socket is in it by default, and a state directory that
        // is a file is that, not "a socket in a missing directory".
        if let problem = StartupChecks.stateDirectory(configuration.stateDirectory, create: true) {
            throw StartupError(problem)
        }
        if listener == .bind, let problem = StartupChecks.socket(configuration.socketPath, stateDirectory: configuration.stateDirectory) {
            throw StartupError(problem)
        }
        manager.progress("recovering the log in \(configuration.stateDirectory)")
        let fileSystem = try TestHooksService.fileSystem(
            testHooks: configuration.testHooks, environment: ProcessInfo.processInfo.environment, logger: logger)
        let state = try OpenedState.open(
            directory: configuration.stateDirectory, segmentSize: configuration.segmentSize, logger: logger,
            fileSystem: fileSystem,
            progress: { done, total in
                logger.info("replaying \(done)/\(total) events")
                manager.progress("replaying \(done)/\(total) events")
            })
        let rate = state.replaySeconds > 0 ? Double(state.replayed.events) / state.replaySeconds : 0
        logger.info("replayed the log", metadata: [
            "events": "\(state.replayed.events)", "seconds": "\(String(format: "%.3f", state.replaySeconds))",
            "events_per_s": "\(Int(rate))", "segments": "\(state.log.segmentCount)",
            "snapshot_seq": "\(state.replayed.snapshotSeq.map(String.init) ?? "none")",
        ])
        let engine = Engine(
            replayed: state.replayed, log: state.log, version: DanvandVersion.string,
            snapshotEvery: UInt64(configuration.snapshotEveryEvents),
            calendar: ProvinceCalendar(identifier: configuration.timeZone) ?? .vietnam(), logger: logger)
        let live = LiveConfiguration(configuration)
        let poolThreads = 2
        let pool = NIOThreadPool(numberOfThreads: poolThreads)
        pool.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loop = group.next()
        let replayedEvents = state.replayed.events
        let replayedSeq = state.log.durableSeq
        // Snapshots are encoded and written on a thread of their own, so a long write never
        // takes a thread from the log writer or the connections.
        let snapshotPool = NIOThreadPool(numberOfThreads: 1)
        snapshotPool.start()
        let commit = CommitService(
            engine: engine, log: state.log, logger: logger,
            snapshots: configuration.snapshotEveryEvents > 0 ? (configuration.stateDirectory, snapshotPool) : nil,
            retention: SnapshotRetention(keep: configuration.snapshotKeep))
        let server = SocketServer(
            engine: engine, configuration: configuration, group: group, pool: pool, logger: logger,
            listener: listener, live: live,
            onListening: { path in
                manager.ready(status: "serving \(replayedEvents) events (seq \(replayedSeq)) on \(path)")
            })
        let statusLine: @Sendable () async -> String = { await StatusReporter.servingLine(engine: engine) }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.named(commit), .named(server)]
        if let watchdog = WatchdogSettings.fromEnvironment() {
            services.append(.named(WatchdogService(
                pingInterval: watchdog.pingInterval, stallLimit: watchdog.pingInterval, engine: engine, log: state.log, writerPool: pool,
                eventLoop: loop, notifier: manager, logger: logger)))
        }
        let options = self.options
        let socket = self.socket
        services.append(.named(ReloadService(
            load: { try ConfigurationLoader.load(options, socket: socket) }, live: live,
            apply: { control.level = Logger.Level(rawValue: $0.logLevel) ?? .info },
            statusLine: statusLine, notifier: manager, logger: logger)))
        if configuration.testHooks {
            services.append(.named(TestHooksService(engine: engine, pool: pool, poolThreads: poolThreads, eventLoop: loop, logger: logger)))
        }
        if manager.isActive {
            // Last, so that it is the first told to shut down: STOPPING=1 goes out at once.
            services.append(.named(StatusReporter(statusLine: statusLine, notifier: manager)))
        }
        let serviceGroup = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await serviceGroup.run()
        } catch let problem as StartupProblem {
            throw StartupError(problem)
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
        try? await snapshotPool.shutdownGracefully()
        try? await group.shutdownGracefully()
        logger.info("stopped", metadata: ["seq": "\(state.log.durableSeq)"])
    }
}

/// `ServiceManagerNotifier` over `sd_notify`: what `systemctl status` and the watchdog see.
struct SystemdServiceManager: ServiceManagerNotifier {
    let notifier = SystemdNotifier()

    var isActive: Bool { notifier.isActive }

    func ready(status: String) {
        notifier.send([.ready, .status(status), .mainPID(getpid())])
    }

    func status(_ text: String) {
        notifier.send(.status(text))
    }

    /// Each step of a long replay buys another minute before `TimeoutStartSec=` fires, and
    /// feeds the watchdog, which systemd arms from the start: the replay is making progress.
    func progress(_ text: String) {
        notifier.send([.status(text), .extendTimeout(microseconds: 60_000_000), .watchdog])
    }

    func reloading(status: String) {
        notifier.send(NotifyMessage.reloadingNow() + [.status(status)])
    }

    func stopping(status: String) {
        notifier.send([.stopping, .status(status)])
    }

    func watchdog() {
        notifier.send(.watchdog)
    }
}
