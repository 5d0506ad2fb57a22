import DanvanDomain
import DanvanStorage
import Logging
import Synchronization

/// The states of the log at past points, for `asOf` queries: each one rebuilt by replaying
/// the log exactly as a start does (`Replay.run`, registry checks and voids' targets
/// included) on a view that ends at the point (`LogSnapshot.prefix`), from the newest state
/// snapshot not after the point (or from nothing), so that it is the state of a daemon fed
/// only that prefix.
///
/// - Cost: loading that snapshot (~24 bytes per event it covers, its registry rebuilt:
///   0.65–1.2 s for 9M events on the bench machine, and the registry's memory beside the live
///   state's until the replay ends) plus replaying the events from it to the point on one
///   thread (0.9–1.2M events/s). Older snapshots are kept at geometric spacing
///   (`SnapshotRetention`), so a point near the end costs little; a point before the oldest
///   snapshot replays from the first event. BENCHMARKS.md, "asOf", has the figures at 10M.
/// - One rebuild at a time (`SerialWorker`, nice 10), off the event loops and the `read`
///   pool; it reads the log through its own view, never under the engine's lock, so appends
///   and queries go on meanwhile.
/// - The last `cacheCapacity` projections built are kept (least recently used out), so a
///   report asking several questions at one point replays once. Only the projection is kept:
///   the registry (the event-id index, most of a state's memory) is dropped once the replay
///   is over.
public final class HistoricalStates: Sendable {
    /// Projections kept.
    public static let cacheCapacity = 4

    private let worker = SerialWorker(name: "danvand-asof")
    /// Most recently used first.
    private let cache = Mutex<[(seq: UInt64, projection: Projection)]>([])
    private let times = Mutex(RecordTimes())
    private let rebuilt = Mutex<UInt64>(0)
    private let logger: Logger

    /// An empty cache.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// How many states were rebuilt since start (cache misses), for tests.
    public var rebuilds: UInt64 { rebuilt.withLock { $0 } }

    /// The projection after the events 1 through `seq` of `log` (`seq` ≤ `log.lastSeq`).
    func projection(at seq: UInt64, log: LogSnapshot) async throws -> Projection {
        if let hit = cached(seq) { return hit }
        return try await worker.run { [self] in
            // Queued behind the rebuild of the same point: it is here now.
            if let hit = cached(seq) { return hit }
            let projection = try rebuild(at: seq, log: log)
            cache.withLock { entries in
                entries.removeAll { $0.seq == seq }
                entries.insert((seq, projection), at: 0)
                if entries.count > Self.cacheCapacity { entries.removeLast(entries.count - Self.cacheCapacity) }
            }
            return projection
        }
    }

    /// The last seq of `log` recorded at or before `micros` (0: none). Reads the log, so it
    /// runs on the worker.
    func lastSeq(recordedAtOrBefore micros: Int64, log: LogSnapshot) async throws -> UInt64 {
        try await worker.run { [self] in
            try times.withLock { try $0.lastSeq(recordedAtOrBefore: micros, in: log) }
        }
    }

    private func cached(_ seq: UInt64) -> Projection? {
        cache.withLock { entries in
            guard let i = entries.firstIndex(where: { $0.seq == seq }) else { return nil }
            let entry = entries.remove(at: i)
            entries.insert(entry, at: 0)
            return entry.projection
        }
    }

    /// Replays `log` up to `seq` from the newest usable snapshot at or before it.
    private func rebuild(at seq: UInt64, log: LogSnapshot) throws -> Projection {
        let started = Clock.nowMicros()
        let view = log.prefix(through: seq)
        var base: LoadedStateSnapshot?
        for candidate in SnapshotFile.list(directory: view.directory) where candidate.seq <= seq {
            // A snapshot deleted meanwhile (a newer one was written) or unusable: the next older one.
            if case .success(let state) = StateSnapshots.load(candidate.path, log: view) {
                base = state
                break
            }
        }
        let loaded = Clock.nowMicros()
        // On this thread alone: a second replay thread would take the other core from appends.
        let replayed = try Replay.run(view, from: base, pipelineThreshold: .max)
        rebuilt.withLock { $0 += 1 }
        logger.info("rebuilt the state as of a past seq", metadata: [
            "seq": "\(seq)", "snapshot_seq": "\(base.map { String($0.seq) } ?? "none")",
            "events": "\(replayed.events)", "load_seconds": "\(Double(loaded - started) / 1e6)",
            "seconds": "\(Double(Clock.nowMicros() - started) / 1e6)",
        ])
        return replayed.projection
    }
}
