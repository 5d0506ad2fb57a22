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
///
/// It also writes the state snapshots the engine hands out (see `Engine.takeStaged`): each
/// is encoded and written on `snapshotPool`, a thread of its own, while commits go on; the
/// last one is written at graceful shutdown, after the final sync.
public struct CommitService: Service {
    let engine: Engine
    let log: SegmentedLog
    let pool: NIOThreadPool
    let logger: Logger
    /// Where snapshots are written and the thread that writes them; nil: no snapshots.
    let snapshots: (directory: String, pool: NIOThreadPool)?

    /// Creates the service.
    public init(
        engine: Engine, log: SegmentedLog, pool: NIOThreadPool, logger: Logger,
        snapshots: (directory: String, pool: NIOThreadPool)? = nil
    ) {
        self.engine = engine
        self.log = log
        self.pool = pool
        self.logger = logger
        self.snapshots = snapshots
    }

    /// Runs until shutdown, then writes what is still staged (and a snapshot) and returns.
    public func run() async throws {
        await withGracefulShutdownHandler {
            var snapshotWrite: Task<Void, Never>?
            for await _ in engine.commitSignals {
                if let capture = await commitStaged() {
                    snapshotWrite = Task { await writeSnapshot(capture) }
                }
            }
            // Shut down (or cancelled): refuse new appends, then write what was admitted.
            await engine.refuseAppends()
            if let capture = await commitStaged() { await writeSnapshot(capture) }
            logger.info("log writer stopped", metadata: ["seq": "\(log.durableSeq)"])
            await snapshotWrite?.value
            if let capture = await engine.shutdownCapture() { await writeSnapshot(capture) }
        } onGracefulShutdown: {
            engine.finishCommits()
        }
    }

    /// Encodes and writes one snapshot on the snapshot thread; a failure is logged, never fatal.
    private func writeSnapshot(_ capture: StateCapture) async {
        guard let snapshots else {
            await engine.snapshotFinished(seq: nil)
            return
        }
        let started = Clock.nowMicros()
        let view = log.snapshot()
        let result: Result<Int, any Error>
        do {
            result = try await snapshots.pool.runIfActive {
                Result { try StateSnapshots.write(capture, directory: snapshots.directory, log: view) }
            }
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let bytes):
            logger.info("wrote a state snapshot", metadata: [
                "seq": "\(capture.seq)", "bytes": "\(bytes)",
                "seconds": "\(Double(Clock.nowMicros() - started) / 1e6)",
            ])
            await engine.snapshotFinished(seq: capture.seq)
        case .failure(let error):
            logger.warning("writing a state snapshot failed: \(error); the log is intact and the next start replays more of it")
            await engine.snapshotFinished(seq: nil)
        }
    }

    /// One turn: write and sync everything staged, then release the replies. Returns the
    /// state to snapshot, when the engine says one is due.
    private func commitStaged() async -> StateCapture? {
        let batches = await engine.takeStaged()
        guard !batches.isEmpty else { return nil }
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
            return await engine.committed(
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
