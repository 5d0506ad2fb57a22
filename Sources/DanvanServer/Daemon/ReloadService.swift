import Logging
import ServiceLifecycle
import UnixSignals

/// Re-reads the configuration file on SIGHUP (`systemctl reload danvand`, which runs
/// `kill -HUP $MAINPID`: systemd 252 has no `Type=notify-reload`).
///
/// Tells the service manager `RELOADING=1`, applies what can change at run time (see
/// `DaemonConfiguration.reloaded(from:)`), logs each setting that needs a restart, and
/// answers `READY=1`. A file that no longer parses changes nothing: the daemon keeps its
/// running configuration and says so in the log and the status line.
public struct ReloadService: Service {
    let load: @Sendable () throws -> DaemonConfiguration
    let live: LiveConfiguration
    let apply: @Sendable (DaemonConfiguration) -> Void
    let statusLine: @Sendable () async -> String
    let notifier: any ServiceManagerNotifier
    let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - load: reads the configuration the way start-up did (defaults, file, flags).
    ///   - live: the configuration in force, replaced on success.
    ///   - apply: makes process-wide settings take effect (the log level).
    ///   - statusLine: the status line to send with `READY=1`.
    public init(
        load: @escaping @Sendable () throws -> DaemonConfiguration, live: LiveConfiguration,
        apply: @escaping @Sendable (DaemonConfiguration) -> Void, statusLine: @escaping @Sendable () async -> String,
        notifier: any ServiceManagerNotifier, logger: Logger
    ) {
        self.load = load
        self.live = live
        self.apply = apply
        self.statusLine = statusLine
        self.notifier = notifier
        self.logger = logger
    }

    /// Reloads on every SIGHUP until graceful shutdown.
    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// One reload; returns what changed (nil when the file could not be used).
    @discardableResult
    public func reload() async -> DaemonConfiguration.ReloadOutcome? {
        notifier.reloading(status: "reloading the configuration")
        logger.info("reloading the configuration (SIGHUP)")
        let outcome: DaemonConfiguration.ReloadOutcome?
        do {
            let reread = try load()
            let result = live.current.reloaded(from: reread)
            for change in result.needRestart {
                logger.warning("setting changed in the configuration file but needs a restart to take effect; keeping the running value", metadata: [
                    "key": "\(change.key)", "running": "\(change.old)", "file": "\(change.new)",
                ])
            }
            live.replace(with: result.configuration)
            apply(result.configuration)
            logger.notice("configuration reloaded", metadata: [
                "applied": "\(result.applied.isEmpty ? "nothing changed" : result.applied.map(\.description).joined(separator: ", "))",
                "need_restart": "\(result.needRestart.map(\.key).joined(separator: ", "))",
            ])
            outcome = result
        } catch {
            logger.error("reload failed; keeping the running configuration", metadata: ["reason": "\(error)"])
            outcome = nil
        }
        let status = await statusLine()
        notifier.ready(status: outcome == nil ? "\(status) (last reload failed, see the log)" : status)
        return outcome
    }
}
