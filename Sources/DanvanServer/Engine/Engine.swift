import DanvanDomain
import DanvanJSON
import DanvanProtocol
import DanvanStorage

/// The daemon's state: the registry that validates appends, the projection that answers
/// queries, and the queue of admitted batches waiting to be written and synced.
///
/// One actor owns all of it, so an append is validated against everything admitted
/// before it, in arrival order, with no locks. The actor never touches the disk on the
/// append path: `CommitService` takes staged batches, writes and syncs them off the
/// actor (several batches share one sync: group commit), and reports back with
/// `committed`, which moves the projection and releases the waiting replies.
public actor Engine {
    /// A batch admitted and waiting for the disk.
    struct StagedBatch {
        var events: [StoredEvent]
        var records: RecordBatch
        var voidTargets: [UInt64: StoredEvent]
    }

    /// What an accepted append replies once durable.
    public struct AppendTicket: Sendable {
        /// First new seq, nil when every event was a duplicate.
        public var firstSeq: UInt64?
        /// Last new seq.
        public var lastSeq: UInt64?
        /// Events already stored.
        public var duplicates: Int
        /// The reply may be sent once the log is durable up to here.
        public var durableAt: UInt64
    }

    private var registry: Registry
    /// The projection, durable seq and snapshot, readable without the actor.
    nonisolated let durableView: DurableView
    /// Only for `reserve`: the engine never writes; `CommitService` does.
    private let log: SegmentedLog
    private var nextSeq: UInt64
    private var staged: [StagedBatch] = []
    private var inFlight: [StagedBatch] = []
    private var stagedEvents = 0
    /// Wakes the commit loop when a batch is staged. An `AsyncStream` (rather than a stored
    /// continuation) ends by itself when the loop's task is cancelled, and can be finished
    /// synchronously from a graceful-shutdown handler, so the loop can never hang.
    nonisolated let commitSignals: AsyncStream<Void>
    private nonisolated let commitSignal: AsyncStream<Void>.Continuation
    private var stopping = false
    private let startedAtMicros: Int64
    private var clientCount = 0
    private var logStats: (segments: Int, bytes: Int64)
    /// Wakes subscribers when the durable seq moves.
    nonisolated let feed = DurableFeed()
    /// Version string reported by `hello` and `status`.
    public nonisolated let version: String

    // MARK: Snapshot bookkeeping (see `takeStaged` and `committed`)

    /// Events between snapshots; 0 = no snapshots at all (not even at shutdown).
    private let snapshotEvery: UInt64
    /// The newest snapshot on disk: its seq (0 when none) and when it was written (or loaded).
    private var snapshotSeq: UInt64
    private var snapshotMicros: Int64?
    /// A snapshot is being encoded and written; no other one is started meanwhile.
    private var snapshotWriting = false
    /// The registry as it stood when the in-flight batches were taken, which is exactly its
    /// state once they are durable: paired with the projection in `committed`.
    private var pendingCapture: (registry: Registry, seq: UInt64)?

    /// Creates the engine on a replayed state. `snapshotEvery` events after the last snapshot
    /// (`replayed.snapshotSeq`), `committed` hands out a `StateCapture` to write; 0 = never.
    public init(replayed: ReplayResult, log: SegmentedLog, version: String, snapshotEvery: UInt64 = 0) {
        self.snapshotEvery = snapshotEvery
        self.snapshotSeq = replayed.snapshotSeq ?? 0
        self.snapshotMicros = replayed.snapshotSeq == nil ? nil : Clock.nowMicros()
        self.registry = replayed.registry
        self.durableView = DurableView(projection: replayed.projection, seq: log.durableSeq, snapshot: log.snapshot())
        self.log = log
        self.nextSeq = log.lastSeq + 1
        self.startedAtMicros = Clock.nowMicros()
        self.logStats = (log.segmentCount, log.totalBytes)
        self.version = version
        (commitSignals, commitSignal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: Appends

    /// Admits and stages an append whose events the caller parsed (`BatchAdmission.parse`,
    /// off the actor). The caller replies after `waitDurable(ticket.durableAt)`.
    public func append(
        _ events: [BatchAdmission.ParsedEvent], expectedVersion: ExpectedVersion, actor: Actor
    ) -> Result<AppendTicket, ProtocolError> {
        if stopping {
            return .failure(ProtocolError(.shuttingDown, "danvand is stopping; retry when it is back"))
        }
        let first = nextSeq
        let outcome: BatchAdmission.Outcome
        do {
            outcome = try BatchAdmission.admit(
                parsed: events, expectedVersion: expectedVersion, registry: &registry,
                nextSeq: first, recordedAtMicros: Clock.nowMicros(), actor: actor,
                target: { seq in self.lookup(seq)?.data })
        } catch {
            return .failure(error.protocolError)
        }
        var durableAt = outcome.duplicateMaxSeq
        guard !outcome.events.isEmpty else {
            return .success(AppendTicket(firstSeq: nil, lastSeq: nil, duplicates: outcome.duplicates, durableAt: durableAt))
        }
        var records = RecordBatch(reservingCapacity: outcome.events.count * 256)
        var payload: [UInt8] = []
        payload.reserveCapacity(512)
        var voidTargets: [UInt64: StoredEvent] = [:]
        for event in outcome.events {
            payload.removeAll(keepingCapacity: true)
            EventPayloadCodec.encode(event, into: &payload)
            records.append(seq: event.seq, recordedAtMicros: event.recordedAtMicros, payload: payload)
            if case .entryVoided(let v) = event.data, let entry = registry.event(v.target) {
                voidTargets[event.seq] = lookup(entry.seq, batch: outcome.events)
            }
        }
        // Room on disk before the batch is staged (see `SpaceReservation`): a full disk
        // refuses this append alone, leaving the registry and the seqs as if it was never
        // sent, instead of failing a write that other clients' batches share. The
        // reservation is a `fallocate` per MiB of appends, on this actor: rare and short.
        do throws(StorageError) {
            try log.reserve(records)
        } catch {
            registry.undo(outcome.undo)
            if error.code == .diskFull {
                return .failure(ProtocolError(
                    .diskFull,
                    "no space left on the file system of danvand's state directory for these events; nothing was stored. "
                        + "Free space there (or grow it), then send the same append again as is"))
            }
            return .failure(ProtocolError(.internal, "reserving disk space failed: \(error); nothing was stored, retry"))
        }
        let last = outcome.events[outcome.events.count - 1].seq
        nextSeq = last + 1
        durableAt = max(durableAt, last)
        staged.append(StagedBatch(events: outcome.events, records: records, voidTargets: voidTargets))
        stagedEvents += outcome.events.count
        commitSignal.yield()
        return .success(AppendTicket(firstSeq: first, lastSeq: last, duplicates: outcome.duplicates, durableAt: durableAt))
    }

    /// Waits until the log is durable up to `seq` (without entering the actor).
    public nonisolated func waitDurable(_ seq: UInt64) async {
        await durableView.wait(until: seq)
    }

    /// An event by seq: staged (not yet durable) or read back from the log.
    private func lookup(_ seq: UInt64, batch: [StoredEvent] = []) -> StoredEvent? {
        if let e = batch.first(where: { $0.seq == seq }) { return e }
        for b in staged.reversed() + inFlight.reversed() where seq >= (b.events.first?.seq ?? .max) {
            if let e = b.events.first(where: { $0.seq == seq }) { return e }
        }
        return try? EventReader.event(seq: seq, in: durableView.snapshot)
    }

    // MARK: Commit loop interface

    /// Everything staged since the last call (possibly nothing), now in flight.
    ///
    /// When a snapshot is due, the registry is captured here: with nothing staged and the
    /// taken batches the only ones in flight (the commit loop runs one turn at a time), it
    /// is exactly the registry at their last seq, which `committed` pairs with the projection
    /// once they are durable. So snapshots are taken under a steady load too, never waiting
    /// for an idle moment, and the registry (which runs ahead of the log) is never captured
    /// ahead of the projection.
    func takeStaged() -> [StagedBatch] {
        let batches = staged
        staged.removeAll(keepingCapacity: true)
        stagedEvents = 0
        let idle = inFlight.isEmpty
        inFlight.append(contentsOf: batches)
        if idle, !batches.isEmpty, snapshotEvery > 0, !snapshotWriting, pendingCapture == nil,
            nextSeq - 1 >= snapshotSeq + snapshotEvery
        {
            pendingCapture = (registry, nextSeq - 1)
        }
        return batches
    }

    /// Called by the commit loop once `batches` are durable: moves the projection and
    /// releases every reply waiting for those events.
    ///
    /// Returns the state to write as a snapshot when one is due (see `takeStaged`); the
    /// caller writes it off the actor and reports with `snapshotFinished`.
    func committed(_ batches: [StagedBatch], durableSeq newDurable: UInt64, snapshot newSnapshot: LogSnapshot, segments: Int, bytes: Int64) -> StateCapture? {
        durableView.advance(to: newDurable, snapshot: newSnapshot) { projection in
            for batch in batches {
                for event in batch.events {
                    projection.apply(event, voidedTarget: batch.voidTargets[event.seq])
                }
            }
        }
        inFlight.removeFirst(min(batches.count, inFlight.count))
        logStats = (segments, bytes)
        feed.publish(newDurable)
        guard let pending = pendingCapture else { return nil }
        pendingCapture = nil
        let projection = durableView.projectionCopy()
        guard pending.seq == newDurable, projection.lastSeq == newDurable else { return nil }
        snapshotWriting = true
        return StateCapture(registry: pending.registry, projection: projection, seq: newDurable)
    }

    /// The state to write at shutdown, once appends are refused and everything admitted is
    /// durable: nil when snapshots are off, a write is under way, or nothing changed since
    /// the last snapshot.
    func shutdownCapture() -> StateCapture? {
        let projection = durableView.projectionCopy()
        let durableSeq = durableView.seq
        guard snapshotEvery > 0, !snapshotWriting, staged.isEmpty, inFlight.isEmpty,
            durableSeq > snapshotSeq, projection.lastSeq == durableSeq, nextSeq - 1 == durableSeq
        else { return nil }
        snapshotWriting = true
        return StateCapture(registry: registry, projection: projection, seq: durableSeq)
    }

    /// A snapshot write ended: written (`seq`) or failed (nil).
    func snapshotFinished(seq: UInt64?) {
        snapshotWriting = false
        if let seq {
            snapshotSeq = seq
            snapshotMicros = Clock.nowMicros()
        }
    }

    /// Stops taking appends (they get `shutting_down`) and lets the commit loop finish
    /// once it has written what is staged. Callable from any context.
    public nonisolated func finishCommits() {
        commitSignal.finish()
    }

    /// Refuses appends from now on.
    public func refuseAppends() {
        stopping = true
    }

    // MARK: Queries

    /// Answers a projection query from durable state.
    public nonisolated func query(_ query: Query, today: Day) -> Result<JSONValue, QueryError> {
        Result { () throws(QueryError) in try durableView.read { (p: borrowing Projection) throws(QueryError) in try p.answer(query, today: today) } }
    }

    /// The snapshot of durable records, for `read` outside the actor.
    public nonisolated func readSnapshot() -> LogSnapshot { durableView.snapshot }

    /// The durable seq now.
    public nonisolated func durable() -> UInt64 { durableView.seq }

    /// The `status` result.
    public func status() -> JSONValue {
        let (durableSeq, events, units) = durableView.counts()
        return [
            "seq": .int(durableSeq), "events": .int(events), "segments": .int(logStats.segments),
            "logBytes": .int(logStats.bytes), "uptimeS": .int((Clock.nowMicros() - startedAtMicros) / 1_000_000),
            "clients": .int(clientCount), "version": .string(version), "staged": .int(stagedEvents),
            "units": .int(units), "subscriptions": .int(feed.count),
            "snapshotSeq": .int(snapshotSeq),
            "snapshotAgeS": snapshotMicros.map { .int((Clock.nowMicros() - $0) / 1_000_000) } ?? .null,
        ]
    }

    /// Counts connected clients, for `status` and the service status line.
    public func clientConnected() { clientCount += 1 }
    /// See `clientConnected`.
    public func clientDisconnected() { clientCount -= 1 }

    /// Short figures for systemd's status line.
    public func figures() -> (events: UInt64, seq: UInt64, clients: Int) {
        let (durableSeq, events, _) = durableView.counts()
        return (events, durableSeq, clientCount)
    }
}
