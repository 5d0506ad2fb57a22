import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// Test-only ways to make the daemon hang, so that the system tests can check that systemd's
/// watchdog notices and restarts it without losing an acknowledged event. Only in the service
/// group when `test_hooks = true`; never enable it in production.
///
/// - SIGUSR1 stalls the log writer: every thread of the writer's pool blocks forever, so
///   staged appends are never written and their replies never sent.
/// - SIGUSR2 hangs the event loop that serves the clients.
public struct TestHooksService: Service {
    let pool: NIOThreadPool
    let poolThreads: Int
    let eventLoop: any EventLoop
    let logger: Logger

    /// Creates the hooks; `poolThreads` is the size of the writer's pool.
    public init(pool: NIOThreadPool, poolThreads: Int, eventLoop: any EventLoop, logger: Logger) {
        self.pool = pool
        self.poolThreads = poolThreads
        self.eventLoop = eventLoop
        self.logger = logger
    }

    public func run() async throws {
        logger.warning("test hooks are enabled (test_hooks = true): SIGUSR1 stalls the log writer, SIGUSR2 hangs the event loop; never use this in production")
        let signals = await UnixSignalsSequence(trapping: .sigusr1, .sigusr2)
        for await signal in signals.cancelOnGracefulShutdown() {
            if signal == .sigusr1 {
                logger.warning("test hook: stalling the log writer", metadata: ["hook": "stall_writer"])
                for _ in 0..<poolThreads {
                    pool.submit { _ in Self.blockForever() }
                }
            } else {
                logger.warning("test hook: hanging the event loop", metadata: ["hook": "hang_loop"])
                eventLoop.execute { Self.blockForever() }
            }
        }
    }

    private static func blockForever() {
        while true { pause() }
    }
}
