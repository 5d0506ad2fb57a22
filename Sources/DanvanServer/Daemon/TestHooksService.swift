import DanvanStorage
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
/// - SIGUSR1 stalls the log writer: the commit thread blocks forever at its next turn, so
///   staged appends are never written and their replies never sent.
/// - SIGUSR2 hangs the event loop that serves the clients.
/// - `DANVAN_TEST_FAULT=KIND[@N]` in the environment makes the log reach the disk through
///   a `FaultInjectingFileSystem` that injects `KIND` (`fsync_eio`, `write_eio`,
///   `write_enospc`, `reserve_enospc`, `short_writes`; see `StorageFault.Kind`) after the
///   first N calls of the faulted kind. With `DANVAN_TEST_FAULT_SWITCH=PATH` the fault
///   applies only while a file exists at PATH, so a test turns it on and lifts it at run
///   time. Without `test_hooks = true` both variables are ignored (with a warning).
public struct TestHooksService: Service {
    let engine: Engine
    let pool: NIOThreadPool
    let poolThreads: Int
    let eventLoop: any EventLoop
    let logger: Logger

    /// Creates the hooks; `poolThreads` is the size of `pool`, the daemon's blocking-work pool
    /// (reads, backups, the watchdog's probe), which SIGUSR1 stalls beside the commit thread.
    public init(engine: Engine, pool: NIOThreadPool, poolThreads: Int, eventLoop: any EventLoop, logger: Logger) {
        self.engine = engine
        self.pool = pool
        self.poolThreads = poolThreads
        self.eventLoop = eventLoop
        self.logger = logger
    }

    /// The file system the log should use: the real one, or a fault-injecting one when
    /// test hooks are on and `DANVAN_TEST_FAULT` asks for it.
    ///
    /// - Throws: `StartupError` (exit 64) when `DANVAN_TEST_FAULT` names no fault.
    public static func fileSystem(
        testHooks: Bool, environment: [String: String], logger: Logger
    ) throws(StartupError) -> any StorageFileSystem {
        guard let text = environment["DANVAN_TEST_FAULT"], !text.isEmpty else { return POSIXFileSystem() }
        guard testHooks else {
            logger.warning("DANVAN_TEST_FAULT is ignored: test_hooks is off")
            return POSIXFileSystem()
        }
        guard let fault = StorageFault(parsing: text) else {
            let kinds = StorageFault.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw StartupError(ExitCode.usage, "DANVAN_TEST_FAULT=\(text) names no fault; use KIND or KIND@N with KIND one of \(kinds)")
        }
        let switchPath = environment["DANVAN_TEST_FAULT_SWITCH"].flatMap { $0.isEmpty ? nil : $0 }
        logger.warning("test hook: injecting a storage fault", metadata: [
            "hook": "storage_fault", "fault": "\(fault)", "switch": "\(switchPath ?? "none (always on)")",
        ])
        return FaultInjectingFileSystem(fault: fault, switchPath: switchPath)
    }

    public func run() async throws {
        logger.warning("test hooks are enabled (test_hooks = true): SIGUSR1 stalls the log writer, SIGUSR2 hangs the event loop; never use this in production")
        let signals = await UnixSignalsSequence(trapping: .sigusr1, .sigusr2)
        for await signal in signals.cancelOnGracefulShutdown() {
            if signal == .sigusr1 {
                logger.warning("test hook: stalling the log writer", metadata: ["hook": "stall_writer"])
                engine.stallCommitsForever()
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
