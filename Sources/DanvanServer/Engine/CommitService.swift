import DanvanStorage
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// Writes staged batches to the log and syncs them: the only writer of the log.
///
/// The writing runs on a thread of its own ("danvand-commit") that sleeps on a condition
/// variable until a batch is staged (`Engine.nextTurn`), or, when that thread is idle, inline
/// on the event loop that admitted the batch (`Engine.commitOrWake`); never two at once. Each turn takes everything staged
/// since the last one, writes it with one `write` per segment and makes it durable with one
/// `fdatasync`, so concurrent appenders share a sync (group commit) and throughput grows with
/// concurrency (a turn waits up to 150 µs for as many appends as took part in the last one,
/// so that clients answering the last turn's replies are not left for the turn after:
/// `GroupGather`); then it applies the turn to the projection and wakes every reply it made
/// durable. That is one wake-up into the thread and one out per turn: an async loop hopping
/// between a task, a thread pool and the engine cost ~6 wake-ups per turn, each tens of µs
/// on this kind of machine, which a single client pays on every append.
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
/// It also writes the state snapshots the engine hands out (see `Engine.nextTurn`): each
/// is encoded and written on `snapshotPool`, a thread of its own, while commits go on; the
/// last one is written at graceful shutdown, after the final sync.
public struct CommitService: Service {
    let engine: Engine
    let log: SegmentedLog
    let logger: Logger
    /// Where snapshots are written and the thread that writes them; nil: no snapshots.
    let snapshots: (directory: String, pool: NIOThreadPool)?
    /// Which older snapshots each new one leaves on disk (`snapshot_keep`), for `asOf`.
    let retention: SnapshotRetention

    /// Creates the service.
    public init(
        engine: Engine, log: SegmentedLog, logger: Logger,
        snapshots: (directory: String, pool: NIOThreadPool)? = nil, retention: SnapshotRetention = .newestOnly
    ) {
        self.engine = engine
        self.log = log
        self.logger = logger
        self.snapshots = snapshots
        self.retention = retention
    }

    /// Runs until shutdown (or cancellation): then appends are refused, what is still staged
    /// is written, a last snapshot is written, and it returns.
    public func run() async throws {
        let (captures, capturesIn) = AsyncStream.makeStream(of: StateCapture.self)
        let engine = self.engine
        engine.captureSink.withLock { $0 = capturesIn }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withDiscardingTaskGroup { group in
                    group.addTask {
                        // Snapshots, one at a time, while commits go on.
                        for await capture in captures { await writeSnapshot(capture) }
                    }
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        let thread = Thread { [self] in
                            ThreadName.set("danvand-commit")
                            commitLoop()
                            done.resume()
                        }
                        thread.start()
                    }
                    engine.captureSink.withLock { $0 = nil }
                    capturesIn.finish()
                }
            } onCancel: {
                engine.finishCommits()
            }
            logger.info("log writer stopped", metadata: ["seq": "\(log.durableSeq)"])
            if let capture = engine.shutdownCapture() { await writeSnapshot(capture) }
        } onGracefulShutdown: {
            engine.finishCommits()
        }
    }

    /// The commit thread's loop: one turn per wake-up, until `finishCommits` and nothing staged.
    private func commitLoop() {
        while let batches = engine.nextTurn() {
            engine.commitTurn(batches)
        }
    }

    /// Encodes and writes one snapshot on the snapshot thread; a failure is logged, never fatal.
    private func writeSnapshot(_ capture: StateCapture) async {
        guard let snapshots else {
            engine.snapshotFinished(seq: nil)
            return
        }
        let started = Clock.nowMicros()
        let view = log.snapshot()
        let retention = self.retention
        let result: Result<Int, any Error>
        do {
            result = try await snapshots.pool.runIfActive {
                Result { try StateSnapshots.write(capture, directory: snapshots.directory, log: view, retention: retention) }
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
            engine.snapshotFinished(seq: capture.seq)
        case .failure(let error):
            logger.warning("writing a state snapshot failed: \(error); the log is intact and the next start replays more of it")
            engine.snapshotFinished(seq: nil)
        }
    }

}
