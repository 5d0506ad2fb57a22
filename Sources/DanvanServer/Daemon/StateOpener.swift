import DanvanDomain
import DanvanStorage
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A failure to start that maps to one of danvand's exit codes with a message for the operator.
public struct StartupError: Error, CustomStringConvertible {
    /// Exit code (see `ExitCode`).
    public var exitCode: Int32
    /// What happened and what to do.
    public var message: String

    /// Creates an error.
    public init(_ exitCode: Int32, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    public var description: String { message }
}

/// Opens a state directory the way every subcommand needs it: lock, recover, replay.
public struct OpenedState: Sendable {
    /// The held lock (released when the process exits).
    public let lock: DirectoryLock
    /// The recovered log.
    public let log: SegmentedLog
    /// Registry and projection rebuilt from it.
    public let replayed: ReplayResult
    /// Seconds from opening the log to the replayed state: recovery, the snapshot (read beside
    /// recovery) and the replay of the log after it.
    public let replaySeconds: Double

    /// Locks, recovers and replays `directory`: from its newest valid state snapshot when
    /// `useSnapshot` (then only the log after it), else the whole log. `fileSystem` is the
    /// real disk except for a daemon with test hooks and `DANVAN_TEST_FAULT` (see
    /// `TestHooksService`). A missing directory is created when `create` (serving, import),
    /// else refused (export); either way `StartupChecks` runs first, so a directory that
    /// cannot be used leaves nothing behind.
    public static func open(
        directory: String, segmentSize: Int, logger: Logger, useSnapshot: Bool = true, create: Bool = true,
        fileSystem: any StorageFileSystem = POSIXFileSystem(),
        progress: @escaping (UInt64, UInt64) -> Void = { _, _ in }
    ) throws(StartupError) -> OpenedState {
        if let problem = StartupChecks.stateDirectory(directory, create: create) { throw StartupError(problem) }
        let lock: DirectoryLock
        do {
            lock = try DirectoryLock.acquire(directory: directory)
        } catch {
            throw StartupError(.storage(error, directory: directory))
        }
        // The newest snapshot is read and decoded on a second thread while this one recovers
        // the log (each reads every byte of its files: ~1 s apiece at 10M events); it is
        // checked against the log once both are done.
        let started = Clock.nowMicros()
        let newest = useSnapshot ? SnapshotFile.list(directory: directory).first?.path : nil
        let early = newest.map { path in BackgroundResult { StateSnapshots.read(path) } }
        let log: SegmentedLog
        do {
            log = try SegmentedLog.open(directory: directory, segmentSize: segmentSize, fileSystem: fileSystem) { report in
                logger.warning("recovery truncated a torn record at the tail of the log", metadata: [
                    "segment": "\(report.segment)", "offset": "\(report.offset)", "bytes_dropped": "\(report.bytesDropped)",
                    "reason": "\(report.reason)",
                ])
            }
        } catch {
            throw StartupError(.storage(error, directory: directory))
        }
        let replayed: ReplayResult
        let logView = log.snapshot()
        var base: LoadedStateSnapshot?
        if useSnapshot {
            switch (newest, early?.value()) {
            case (let path?, let read?):
                switch read.flatMap({ StateSnapshots.check($0, against: logView) }) {
                case .success(let state):
                    base = state
                case .failure(let reason):
                    logger.warning("ignoring state snapshot: \(reason); replaying the log instead", metadata: ["path": "\(path)"])
                    base = StateSnapshots.loadNewest(directory: directory, log: logView, logger: logger, skipping: [path])
                }
            default:
                base = StateSnapshots.loadNewest(directory: directory, log: logView, logger: logger)
            }
            if let base {
                let seconds = Double(Clock.nowMicros() - started) / 1e6
                logger.info("loaded the state snapshot", metadata: [
                    "path": "\(base.path)", "seq": "\(base.seq)", "seconds": "\(seconds)",
                ])
            }
        }
        do {
            do {
                replayed = try Replay.run(logView, from: base, progress: progress)
            } catch where base != nil {
                // The log decides: a tail that does not apply to the snapshot's state means the
                // snapshot is wrong (or the tail is, which the full replay then reports).
                logger.warning("the log after the state snapshot does not replay onto it: \(error); replaying the whole log")
                replayed = try Replay.run(logView, progress: progress)
            }
        } catch {
            throw StartupError(ExitCode.corrupted, "\(error)")
        }
        let seconds = Double(Clock.nowMicros() - started) / 1e6
        return OpenedState(lock: lock, log: log, replayed: replayed, replaySeconds: seconds)
    }
}
