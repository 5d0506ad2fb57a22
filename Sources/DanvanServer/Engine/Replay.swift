import DanvanDomain
import DanvanStorage

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
public enum Replay {
    /// Replays `snapshot`; `progress(done, total)` is called every `progressEvery` events.
    ///
    /// With `base` (a state restored from a state snapshot at `base.seq`), only the records
    /// after `base.seq` are applied to it.
    public static func run(
        _ snapshot: LogSnapshot, from base: LoadedStateSnapshot? = nil,
        progressEvery: UInt64 = 100_000, progress: (UInt64, UInt64) -> Void = { _, _ in }
    ) throws -> ReplayResult {
        var registry = base?.registry ?? Registry()
        registry.reserveCapacity(events: Int(snapshot.lastSeq))
        var projection = base?.projection ?? Projection()
        var count: UInt64 = 0
        var undo: [Registry.UndoStep] = []
        let total = snapshot.lastSeq - (base?.seq ?? 0)
        try snapshot.forEach(from: (base?.seq ?? 0) + 1) { record in
            let event = try EventPayloadCodec.decode(record.payload, seq: record.seq, recordedAtMicros: record.recordedAtMicros)
            var target: StoredEvent?
            if case .entryVoided(let v) = event.data, let entry = registry.event(v.target) {
                target = try EventReader.event(seq: entry.seq, in: snapshot)
            }
            undo.removeAll(keepingCapacity: true)
            do {
                _ = try registry.admit(
                    event.data, id: event.id, seq: event.seq, stream: event.stream, path: "data", undo: &undo,
                    target: { _ in target?.data })
            } catch {
                throw ReplayError(seq: event.seq, reason: "\(error)")
            }
            projection.apply(event, voidedTarget: target)
            count += 1
            if count % progressEvery == 0 { progress(count, total) }
            return true
        }
        return ReplayResult(registry: registry, projection: projection, events: count, snapshotSeq: base?.seq)
    }
}
