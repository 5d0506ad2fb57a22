import DanvanStorage
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Keeps systemd's watchdog (`WatchdogSec=`) fed while, and only while, the daemon works.
///
/// A ping from an independent timer proves only that the timer runs. Each round here
/// 1. runs an empty job on the daemon's blocking-work pool (reads, backups) and takes a
///    health sample from the engine: a pool whose threads are all stuck never answers;
/// 2. checks that the log writer makes progress (`CommitProgressMonitor`): a stuck
///    `write`/`fdatasync` leaves pending writes whose durable seq does not move;
/// 3. sends the ping from a task submitted to the event loop that serves the clients: a
///    blocked loop never runs it.
/// If any of the three is stuck, pings stop and systemd kills and restarts the daemon, which
/// recovers from the log. Nothing acknowledged is lost: replies are sent only after sync.
public struct WatchdogService: Service {
    let pingInterval: Duration
    let stallLimit: Duration
    let probe: @Sendable () async -> EngineHealthSample
    let eventLoop: any EventLoop
    let notifier: any ServiceManagerNotifier
    let logger: Logger

    /// Creates the service. `pingInterval` is half of `WATCHDOG_USEC`; pending writes may go
    /// `stallLimit` without progress before pings stop.
    public init(
        pingInterval: Duration, stallLimit: Duration, probe: @escaping @Sendable () async -> EngineHealthSample,
        eventLoop: any EventLoop, notifier: any ServiceManagerNotifier, logger: Logger
    ) {
        self.pingInterval = pingInterval
        self.stallLimit = stallLimit
        self.probe = probe
        self.eventLoop = eventLoop
        self.notifier = notifier
        self.logger = logger
    }

    /// The service for the daemon's engine, log and the thread pool that reads and backups run on.
    public init(
        pingInterval: Duration, stallLimit: Duration, engine: Engine, log: SegmentedLog, writerPool: NIOThreadPool,
        eventLoop: any EventLoop, notifier: any ServiceManagerNotifier, logger: Logger
    ) {
        self.init(
            pingInterval: pingInterval, stallLimit: stallLimit,
            probe: {
                // Reads and backups run on this pool: if no thread of it takes an empty job,
                // clients wait for ever. The commit thread is judged by its progress below.
                _ = try? await writerPool.runIfActive {}
                return engine.healthSample(log: log)
            },
            eventLoop: eventLoop, notifier: notifier, logger: logger)
    }

    /// Pings until graceful shutdown.
    public func run() async throws {
        logger.info("watchdog enabled", metadata: [
            "ping_interval_ms": "\(pingInterval.milliseconds)", "stall_limit_ms": "\(stallLimit.milliseconds)",
        ])
        do {
            try await cancelWhenGracefulShutdown { [self] in
                var monitor = CommitProgressMonitor(stallLimit: stallLimit)
                var reportedStall = false
                while true {
                    let sample = await probe()
                    switch monitor.observe(sample, at: .now) {
                    case .healthy:
                        if reportedStall {
                            logger.notice("the log writer makes progress again", metadata: ["seq": "\(sample.durableSeq)"])
                            reportedStall = false
                        }
                        let notifier = self.notifier
                        try await eventLoop.submit { notifier.watchdog() }.get()
                    case .stalled(let waited):
                        if !reportedStall {
                            logger.critical("the log writer has made no progress; no more watchdog pings, systemd will restart danvand", metadata: [
                                "seq": "\(sample.durableSeq)", "staged": "\(sample.stagedEvents)",
                                "unsynced": "\(sample.unsyncedEvents)", "stalled_ms": "\(waited.milliseconds)",
                            ])
                            notifier.status("log writer stalled at seq \(sample.durableSeq); waiting for the watchdog")
                            reportedStall = true
                        }
                    }
                    try await Task.sleep(for: pingInterval)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
