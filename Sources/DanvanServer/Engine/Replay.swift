import DanvanDomain
import DanvanStorage
import Dispatch
import Foundation
import Synchronization

/// The state rebuilt from the log at start.
public struct ReplayResult: Sendable {
    /// Validation state.
    public var registry: Registry
    /// Query state.
    public var projection: Projection
    /// Events replayed from the log (after the snapshot, when one was loaded).
    public var events: UInt64
    /// The seq of the state snapshot the replay started from, nil when it started from nothing.
    public var snapshotSeq: UInt64? = nil
}

/// A log whose events no longer replay: refuse to start rather than serve wrong figures.
public struct ReplayError: Error, CustomStringConvertible {
    /// The record.
    public var seq: UInt64
    /// Why.
    public var reason: String

    public var description: String {
        "event \(seq) cannot be replayed: \(reason); run 'danvand verify' and report this log"
    }
}

/// Rebuilds registry and projection by applying every durable event in order.
///
/// Two threads share the work of a long log: the calling thread reads the segments, checks
/// each record's CRC, decodes its payload and checks the event against the registry; a
/// second thread applies the events to the projection, in log order. The halves cost about
/// the same (perf of a 1M-event replay on one thread: reading + CRC + decoding ~35 %,
/// registry ~22 %, projection ~31 %), so replay uses both cores while nothing else runs yet.
/// Short logs are replayed on the calling thread alone.
public enum Replay {
    /// Events handed from the reading thread to the applying thread at a time.
    public static let batchSize = 2_048
    /// Logs at least this long (beyond the snapshot) are replayed on two threads.
    public static let pipelineThreshold: UInt64 = 50_000

    /// Replays `snapshot`; `progress(done, total)` is called every `progressEvery` events
    /// (events checked, on the calling thread).
    ///
    /// With `base` (a state restored from a state snapshot at `base.seq`), only the records
    /// after `base.seq` are applied to it.
    ///
    /// `pipelineThreshold` and `batchSize` are for tests, which run short logs on two threads
    /// in small batches.
    public static func run(
        _ snapshot: LogSnapshot, from base: LoadedStateSnapshot? = nil,
        progressEvery: UInt64 = 100_000, progress: (UInt64, UInt64) -> Void = { _, _ in },
        pipelineThreshold: UInt64 = Replay.pipelineThreshold, batchSize: Int = Replay.batchSize
    ) throws -> ReplayResult {
        var checker = ReplayChecker(registry: base?.registry ?? Registry(), log: snapshot)
        checker.registry.reserveCapacity(events: Int(snapshot.lastSeq))
        var projection = base?.projection ?? Projection()
        let first = (base?.seq ?? 0) + 1
        let total = snapshot.lastSeq - (base?.seq ?? 0)
        var count: UInt64 = 0
        let batchSize = max(1, batchSize)
        if total < pipelineThreshold {
            try snapshot.forEach(from: first) { record in
                let checked = try checker.check(record)
                projection.apply(checked.event, voidedTarget: checked.target?.event)
                count += 1
                if count % progressEvery == 0 { progress(count, total) }
                return true
            }
            projection.settle()
            return ReplayResult(registry: checker.registry, projection: projection, events: count, snapshotSeq: base?.seq)
        }
        let applier = ProjectionApplier(projection)
        projection = Projection()  // the applier's copy stays unique
        let pipe = ReplayPipe(depth: 4)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            ThreadName.set("danvand-replay")
            while let batch = pipe.take() { applier.apply(batch) }
            done.signal()
        }
        thread.start()
        var batch: [CheckedEvent] = []
        batch.reserveCapacity(batchSize)
        do {
            try snapshot.forEach(from: first) { record in
                batch.append(try checker.check(record))
                count += 1
                if count % progressEvery == 0 { progress(count, total) }
                guard batch.count == batchSize else { return true }
                defer { batch.removeAll(keepingCapacity: true) }
                return pipe.put(batch)
            }
            if !batch.isEmpty { _ = pipe.put(batch) }
        } catch {
            pipe.finish()
            done.wait()
            throw error
        }
        pipe.finish()
        done.wait()
        // Changes of units met on the way are added up once, here (`Projection.settle`).
        applier.projection.settle()
        return ReplayResult(registry: checker.registry, projection: applier.projection, events: count, snapshotSeq: base?.seq)
    }
}

/// A decoded event that passed the registry, with the event it voids (for `entry.voided`).
struct CheckedEvent: Sendable {
    var event: StoredEvent
    /// Boxed: voids are rare, and an inline `StoredEvent?` would double the size of every
    /// event handed between the replay threads.
    var target: VoidedTarget?
}

/// The event an `entry.voided` voids, out of line (see `CheckedEvent.target`).
final class VoidedTarget: Sendable {
    let event: StoredEvent

    init(_ event: StoredEvent) {
        self.event = event
    }
}

/// The registry being rebuilt: decodes each record and checks it, in log order.
struct ReplayChecker {
    var registry: Registry
    let log: LogSnapshot
    private var undo: [Registry.UndoStep] = []

    init(registry: Registry, log: LogSnapshot) {
        self.registry = registry
        self.log = log
    }

    /// The record's event, checked against (and recorded in) the registry; a refusal means
    /// the log holds an event that no longer replays (`ReplayError`).
    mutating func check(_ record: LogRecordView) throws -> CheckedEvent {
        let event = try EventPayloadCodec.decode(record.payload, seq: record.seq, recordedAtMicros: record.recordedAtMicros)
        var target: VoidedTarget?
        if case .entryVoided(let v) = event.data, let entry = registry.event(v.target) {
            target = try EventReader.event(seq: entry.seq, in: log).map(VoidedTarget.init)
        }
        undo.removeAll(keepingCapacity: true)
        do {
            _ = try registry.admit(
                event.data, id: event.id, seq: event.seq, stream: event.stream, path: "data", undo: &undo,
                target: { _ in target?.event.data })
        } catch {
            throw ReplayError(seq: event.seq, reason: "\(error)")
        }
        return CheckedEvent(event: event, target: target)
    }
}

/// The projection being rebuilt on the second thread of a replay.
///
/// `@unchecked Sendable`: owned by one thread at a time. During the replay only the applying
/// thread touches it; the caller reads it after that thread signalled its end (the semaphore
/// orders the accesses). A batch is applied in one access to `projection`, so the class's
/// dynamic exclusivity check is paid per batch, not per event.
final class ProjectionApplier: @unchecked Sendable {
    var projection: Projection

    init(_ projection: Projection) {
        self.projection = projection
    }

    func apply(_ batch: [CheckedEvent]) {
        Self.apply(batch, to: &projection)
    }

    private static func apply(_ batch: [CheckedEvent], to projection: inout Projection) {
        for checked in batch { projection.apply(checked.event, voidedTarget: checked.target?.event) }
    }
}
