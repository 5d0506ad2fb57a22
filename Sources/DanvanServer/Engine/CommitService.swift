import DanvanStorage
import Logging
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// Writes staged batches to the log and syncs them: the only writer of the log.
///
/// Each turn takes everything staged since the last one, writes it with one `write`
/// per segment and makes it durable with one `fdatasync`, so concurrent appenders share
/// a sync (group commit) and throughput grows with concurrency. The disk calls run on
/// a dedicated thread pool so the engine actor keeps answering queries meanwhile.
///
/// A failed sync is fatal: the pages may be lost while the kernel reports them clean
/// ("fsyncgate"), so the daemon logs, exits with `ExitCode.syncFailed`, and recovers
/// from the log on restart. Nothing of the failed turn was acknowledged.
///
/// A failed write (EIO; or ENOSPC, which only a file system that does not honour the
/// engine's `fallocate` reservations can return here, see `SegmentedLog.reserve`) is
/// fatal as well, with `ExitCode.storageFailed`: the turn's records may sit half-written
/// in a write that several clients share, so the daemon exits without acknowledging any
/// of them and recovery on restart cuts the partial tail. A disk that is merely full is
/// not a failure: the engine refuses the append with `disk_full` before staging it.
public struct CommitService: Service {
    let engine: Engine
    let log: SegmentedLog
    let pool: NIOThreadPool
    let logger: Logger

    /// Creates the service.
    public init(engine: Engine, log: SegmentedLog, pool: NIOThreadPool, logger: Logger) {
        self.engine = engine
        self.log = log
        self.pool = pool
        self.logger = logger
    }

    /// Runs until shutdown, then writes what is still staged and returns.
    public func run() async throws {
        await withGracefulShutdownHandler {
            for await _ in engine.commitSignals {
                await commitStaged()
            }
            // Shut down (or cancelled): refuse new appends, then write what was admitted.
            await engine.refuseAppends()
            await commitStaged()
            logger.info("log writer stopped", metadata: ["seq": "\(log.durableSeq)"])
        } onGracefulShutdown: {
            engine.finishCommits()
        }
    }

    /// One turn: write and sync everything staged, then release the replies.
    private func commitStaged() async {
        let batches = await engine.takeStaged()
        guard !batches.isEmpty else { return }
        let log = self.log
        let result: Result<UInt64, StorageError>
        do {
            result = try await pool.runIfActive { () -> Result<UInt64, StorageError> in
                do throws(StorageError) {
                    for batch in batches { try log.append(batch.records) }
                    return .success(try log.sync())
                } catch {
                    return .failure(error)
                }
            }
        } catch {
            fatal("the log writer thread pool stopped: \(error)", code: ExitCode.storageFailed)
        }
        switch result {
        case .success(let durable):
            await engine.committed(
                batches, durableSeq: durable, snapshot: log.snapshot(),
                segments: log.segmentCount, bytes: log.totalBytes)
        case .failure(let error):
            fatal(
                "writing the log failed: \(error); exiting so that recovery runs on restart",
                code: error.code == .syncFailed ? ExitCode.syncFailed : ExitCode.storageFailed)
        }
    }

    private func fatal(_ message: String, code: Int32) -> Never {
        logger.critical("\(message)")
        exit(code)
    }
}

/// danvand's exit codes (documented in README.md and `danvand --help`).
public enum ExitCode {
    /// Clean stop.
    public static let ok: Int32 = 0
    /// Bad flags or configuration.
    public static let usage: Int32 = 64
    /// The log is corrupted: a bad record followed by valid data. Never repaired automatically.
    public static let corrupted: Int32 = 65
    /// Another danvand holds the state directory.
    public static let locked: Int32 = 75
    /// fsync/fdatasync failed: exited without acknowledging; restart recovers.
    public static let syncFailed: Int32 = 74
    /// Other storage failure (write error, unreadable files).
    public static let storageFailed: Int32 = 71
    /// The socket could not be bound.
    public static let socketFailed: Int32 = 69
}
