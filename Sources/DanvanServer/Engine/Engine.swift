import DanvanDomain
import DanvanJSON
import DanvanProtocol
import DanvanStorage
import Logging
import NIOConcurrencyHelpers
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's state: the registry that validates appends, the projection that answers
/// queries, and the queue of admitted batches waiting to be written and synced.
///
/// One lock guards the appending half (registry, next seq, staged batches), so an append is
/// validated against everything admitted before it, in arrival order, in one short critical
/// section that any thread may enter: an event loop admits a small append right where it read
/// it, without handing it to another thread. The engine never touches the disk on the append
/// path: the commit thread (`CommitService`) takes the staged batches, writes and syncs them
/// (several batches share one sync: group commit), and reports back with `committed`, which
/// moves the projection (`DurableView`, a lock of its own) and releases the waiting replies.
///
/// Lock order: the engine's lock may be held while `DurableView`'s is taken (an
/// `entry.voided` reads its target), never the other way round.
public final class Engine: Sendable {
    /// A batch admitted and waiting for the disk.
    struct StagedBatch: Sendable {
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

    /// Everything the lock guards.
    private struct State {
        var registry: Registry
        var nextSeq: UInt64
        var staged: [StagedBatch] = []
        var inFlight: [StagedBatch] = []
        /// `finishCommits` was called: appends are refused (`shutting_down`) and the commit
        /// thread returns once nothing is staged.
        var finishing = false
        /// Test hook: the commit thread blocks forever at its next turn.
        var stalled = false
        /// A turn is being written and synced (by the commit thread or inline by an event
        /// loop): nobody else starts one.
        var committing = false
        var clientCount = 0
        var logStats: (segments: Int, bytes: Int64)
        /// Commit turns (one write and one `fdatasync` each) since start: with the events
        /// appended, how well concurrent appenders share their syncs (`status.commits`).
        var commits: UInt64 = 0
        /// When the next turn starts (group commit's gathering).
        var gather = GroupGather()
        /// The newest snapshot on disk: its seq (0 when none) and when it was written (or loaded).
        var snapshotSeq: UInt64
        var snapshotMicros: Int64?
        /// A snapshot is being encoded and written; no other one is started meanwhile.
        var snapshotWriting = false
        /// The registry as it stood when the in-flight batches were taken, which is exactly its
        /// state once they are durable: paired with the projection in `committed`.
        var pendingCapture: (registry: Registry, seq: UInt64)?
    }

    private let state: Mutex<State>
    /// Raised (true) when there is work for the commit thread: a staged batch, the finish, or
    /// the stall hook. The thread lowers it before it looks at the state, so a batch staged
    /// meanwhile raises it again and is never missed.
    private let work = ConditionLock<Bool>(value: false)
    /// The projection, durable seq and snapshot, readable without the engine's lock.
    let durableView: DurableView
    /// Reserved by appends; written and synced only by a commit turn (`commitTurn`).
    let log: SegmentedLog
    /// For the fatal storage failures of a commit turn.
    let logger: Logger
    /// Where a commit turn hands a due state snapshot (`CommitService` writes it); nil: none.
    let captureSink = Mutex<AsyncStream<StateCapture>.Continuation?>(nil)
    private let startedAtMicros: Int64
    /// Events between snapshots; 0 = no snapshots at all (not even at shutdown).
    private let snapshotEvery: UInt64
    /// Wakes subscribers when the durable seq moves.
    let feed = DurableFeed()
    /// Version string reported by `hello` and `status`.
    public let version: String
    /// The province's days: the day each append is recorded on, `today` for queries.
    public let calendar: ProvinceCalendar
    /// Past states for `asOf` queries, rebuilt from the log and its snapshots (`Engine+AsOf`).
    public let history: HistoricalStates

    /// Creates the engine on a replayed state. `snapshotEvery` events after the last snapshot
    /// (`replayed.snapshotSeq`), `committed` hands out a `StateCapture` to write; 0 = never.
    public init(
        replayed: ReplayResult, log: SegmentedLog, version: String, snapshotEvery: UInt64 = 0,
        calendar: ProvinceCalendar = .vietnam(), logger: Logger = Logger(label: "danvand")
    ) {
        self.calendar = calendar
        self.logger = logger
        self.history = HistoricalStates(logger: logger)
        self.snapshotEvery = snapshotEvery
        self.state = Mutex(State(
            registry: replayed.registry, nextSeq: log.lastSeq + 1, logStats: (log.segmentCount, log.totalBytes),
            snapshotSeq: replayed.snapshotSeq ?? 0,
            snapshotMicros: replayed.snapshotSeq == nil ? nil : Clock.nowMicros()))
        self.durableView = DurableView(projection: replayed.projection, seq: log.durableSeq, snapshot: log.snapshot())
        self.log = log
        self.startedAtMicros = Clock.nowMicros()
        self.version = version
    }

    // MARK: Appends

    /// Admits and stages an append whose events the caller parsed (`BatchAdmission.parse`).
    /// The caller replies once the log is durable up to `ticket.durableAt` (`waitDurable`,
    /// or `DurableView.notify` on an event loop). Callable from any thread; it never blocks
    /// on the disk.
    ///
    /// `wakeWriter` false leaves the batch staged without waking the commit thread: the
    /// caller (an event loop, see `ImmediateReplies`) calls `commitOrWake` once it has admitted
    /// everything it read, which commits right there when nobody else is writing.
    public func append(
        _ events: [BatchAdmission.ParsedEvent], expectedVersion: ExpectedVersion, actor: Actor, wakeWriter: Bool = true
    ) -> Result<AppendTicket, ProtocolError> {
        let result = state.withLock { s in admit(events, expectedVersion: expectedVersion, actor: actor, state: &s) }
        if wakeWriter, case .success(let ticket) = result, ticket.lastSeq != nil { signalWork() }
        return result
    }

    private func admit(
        _ events: [BatchAdmission.ParsedEvent], expectedVersion: ExpectedVersion, actor: Actor, state s: inout State
    ) -> Result<AppendTicket, ProtocolError> {
        if s.finishing {
            return .failure(ProtocolError(.shuttingDown, "danvand is stopping; retry when it is back"))
        }
        let first = s.nextSeq
        let outcome: BatchAdmission.Outcome
        do {
            let staged = s.staged, inFlight = s.inFlight, durableView = self.durableView
            let now = Clock.nowMicros()
            outcome = try BatchAdmission.admit(
                parsed: events, expectedVersion: expectedVersion, registry: &s.registry,
                nextSeq: first, recordedAtMicros: now, recordedOn: calendar.day(atMicros: now), actor: actor,
                target: { seq in Self.lookup(seq, staged: staged, inFlight: inFlight, durable: durableView)?.data })
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
            if case .entryVoided(let v) = event.data, let entry = s.registry.event(v.target) {
                voidTargets[event.seq] = Self.lookup(
                    entry.seq, batch: outcome.events, staged: s.staged, inFlight: s.inFlight, durable: durableView)
            }
        }
        // Room on disk before the batch is staged (see `SpaceReservation`): a full disk
        // refuses this append alone, leaving the registry and the seqs as if it was never
        // sent, instead of failing a write that other clients' batches share. The
        // reservation is a `fallocate` per MiB of appends, under the lock: rare and short.
        do throws(StorageError) {
            try log.reserve(records)
        } catch {
            s.registry.undo(outcome.undo)
            if error.code == .diskFull {
                return .failure(ProtocolError(
                    .diskFull,
                    "no space left on the file system of danvand's state directory for these events; nothing was stored. "
                        + "Free space there (or grow it), then send the same append again as is"))
            }
            return .failure(ProtocolError(.internal, "reserving disk space failed: \(error); nothing was stored, retry"))
        }
        let last = outcome.events[outcome.events.count - 1].seq
        s.nextSeq = last + 1
        durableAt = max(durableAt, last)
        s.gather.staged(first: s.staged.isEmpty, now: Clock.nowMicros())
        s.staged.append(StagedBatch(events: outcome.events, records: records, voidTargets: voidTargets))
        return .success(AppendTicket(firstSeq: first, lastSeq: last, duplicates: outcome.duplicates, durableAt: durableAt))
    }

    /// Waits until the log is durable up to `seq`.
    public func waitDurable(_ seq: UInt64) async {
        await durableView.wait(until: seq)
    }

    /// An event by seq: in `batch`, staged or in flight (not yet durable), or read back from the log.
    private static func lookup(
        _ seq: UInt64, batch: [StoredEvent] = [], staged: [StagedBatch], inFlight: [StagedBatch], durable: DurableView
    ) -> StoredEvent? {
        if let e = batch.first(where: { $0.seq == seq }) { return e }
        for b in staged.reversed() + inFlight.reversed() where seq >= (b.events.first?.seq ?? .max) {
            if let e = b.events.first(where: { $0.seq == seq }) { return e }
        }
        return try? EventReader.event(seq: seq, in: durable.snapshot)
    }

    // MARK: Commit thread interface

    private func signalWork() {
        work.lock()
        work.unlock(withValue: true)
    }

    /// Blocks the commit thread until there is something to write, and returns everything
    /// staged since the last turn, now in flight; nil once `finishCommits` was called and
    /// nothing is left.
    ///
    /// When a snapshot is due, the registry is captured here: with nothing staged and the
    /// taken batches the only ones in flight (the commit thread runs one turn at a time), it
    /// is exactly the registry at their last seq, which `committed` pairs with the projection
    /// once they are durable. So snapshots are taken under a steady load too, never waiting
    /// for an idle moment, and the registry (which runs ahead of the log) is never captured
    /// ahead of the projection.
    func nextTurn() -> [StagedBatch]? {
        enum Next { case stall, turn([StagedBatch]), finished, idle, gather(Int64) }
        var deadline: Int64?  // µs still to wait for the group; nil: until there is work
        while true {
            if let deadline {
                if work.lock(whenValue: true, timeoutSeconds: Double(deadline) / 1e6) { work.unlock(withValue: false) }
            } else {
                work.lock(whenValue: true)
                work.unlock(withValue: false)
            }
            let next = state.withLock { s -> Next in
                if s.stalled { return .stall }
                // An event loop is committing inline: it wakes this thread when it is done.
                if s.committing { return .idle }
                let wait = gatherWait(s)
                s.gather.threadWaiting = wait > 0
                if wait > 0 { return .gather(wait) }
                let batches = takeTurn(&s)
                if !batches.isEmpty { return .turn(batches) }
                return s.finishing ? .finished : .idle
            }
            switch next {
            case .stall: while true { pause() }
            case .turn(let batches): return batches
            case .finished: return nil
            case .idle: deadline = nil
            // The group is not all here yet: wait for the stage that completes it (which
            // raises `work`) or the end of the window, whichever comes first.
            case .gather(let wait): deadline = wait
            }
        }
    }

    /// How long (µs) a turn should still wait for its group (`GroupGather`); 0 to start now,
    /// and always 0 once the engine is finishing.
    private func gatherWait(_ s: State) -> Int64 {
        s.finishing ? 0 : s.gather.wait(staged: s.staged.count, now: Clock.nowMicros())
    }

    /// Everything staged, now in flight (see `nextTurn`); marks a turn as running when there
    /// is anything to write.
    private func takeTurn(_ s: inout State) -> [StagedBatch] {
        let batches = s.staged
        s.staged.removeAll(keepingCapacity: true)
        let idle = s.inFlight.isEmpty
        s.inFlight.append(contentsOf: batches)
        if idle, !batches.isEmpty, snapshotEvery > 0, !s.snapshotWriting, s.pendingCapture == nil,
            s.nextSeq - 1 >= s.snapshotSeq + snapshotEvery
        {
            s.pendingCapture = (s.registry, s.nextSeq - 1)
        }
        if !batches.isEmpty {
            s.committing = true
            s.gather.threadWaiting = false
        }
        return batches
    }

    /// Called on an event loop after it admitted appends with `wakeWriter: false`: when nobody
    /// is writing, writes and syncs them right here (a turn, as the commit thread would), so
    /// a lone client's append crosses no thread at all, as in a single-threaded server;
    /// otherwise wakes the commit thread, which takes them at its next turn. The loop is
    /// blocked for one `fdatasync` meanwhile; under load the commit thread is busy and takes
    /// the turns.
    public func commitOrWake() {
        enum Next { case nothing, wake, commit([StagedBatch]) }
        let next = state.withLock { s -> Next in
            // Staged batches were taken by a turn that is already under way: nothing to do.
            guard !s.staged.isEmpty else { return .nothing }
            let wait = gatherWait(s)
            guard !s.committing, !s.stalled, !s.finishing, s.staged.count <= Self.inlineTurnLimit, wait == 0 else {
                // The commit thread already waits for this group, with the window's deadline:
                // wake it only once the group is all here.
                if wait > 0, s.gather.threadWaiting, !s.committing { return .nothing }
                return .wake
            }
            return .commit(takeTurn(&s))
        }
        let batches: [StagedBatch]
        switch next {
        case .nothing: return
        case .wake:
            signalWork()
            return
        case .commit(let taken): batches = taken
        }
        commitTurn(batches)
        if state.withLock({ !$0.staged.isEmpty || $0.finishing }) { signalWork() }
    }

    /// The most batches an event loop commits inline: more mean pipelined load, where the loop
    /// serves better by reading on while the commit thread syncs (16 clients with 16 requests
    /// in flight each: 77–80k events/s inline against 92–99k on the commit thread).
    static let inlineTurnLimit = 8

    /// One turn: writes and syncs `batches`, then moves the projection and releases the
    /// replies (`committed`); a due snapshot goes to `captureSink`.
    ///
    /// A failed write or sync is fatal (see `CommitService`): the process exits with
    /// `ExitCode.storageFailed` or `ExitCode.syncFailed` without acknowledging the turn.
    func commitTurn(_ batches: [StagedBatch]) {
        let durable: UInt64
        do throws(StorageError) {
            for batch in batches { try log.append(batch.records) }
            durable = try log.sync()
        } catch {
            logger.critical("writing the log failed: \(error); exiting so that recovery runs on restart")
            exit(error.code == .syncFailed ? ExitCode.syncFailed : ExitCode.storageFailed)
        }
        guard let capture = committed(
            batches, durableSeq: durable, snapshot: log.snapshot(), segments: log.segmentCount, bytes: log.totalBytes)
        else { return }
        if let sink = captureSink.withLock({ $0 }) {
            sink.yield(capture)
        } else {
            snapshotFinished(seq: nil)
        }
    }

    /// Called by a commit turn once `batches` are durable: moves the projection, releases
    /// every reply waiting for those events, and ends the turn.
    ///
    /// Returns the state to write as a snapshot when one is due (see `nextTurn`); the
    /// caller writes it elsewhere and reports with `snapshotFinished`.
    func committed(_ batches: [StagedBatch], durableSeq newDurable: UInt64, snapshot newSnapshot: LogSnapshot, segments: Int, bytes: Int64) -> StateCapture? {
        durableView.advance(to: newDurable, snapshot: newSnapshot) { projection in
            for batch in batches {
                for event in batch.events {
                    projection.apply(event, voidedTarget: batch.voidTargets[event.seq])
                }
            }
            // A resolution's changes of units are added up once for the whole turn.
            projection.settle()
        }
        // A capture is pending only if this turn's `takeTurn` set one, and no other turn can
        // start before `committing` is cleared below: the projection is copied (which makes the
        // next turn copy what it changes) only then.
        let projection = state.withLock { $0.pendingCapture != nil } ? durableView.projectionCopy() : nil
        let capture = state.withLock { s -> StateCapture? in
            s.committing = false
            s.inFlight.removeFirst(min(batches.count, s.inFlight.count))
            s.gather.turnEnded(taken: batches.count, stagedMeanwhile: s.staged.count)
            s.logStats = (segments, bytes)
            s.commits += 1
            guard let pending = s.pendingCapture, let projection else { return nil }
            s.pendingCapture = nil
            guard pending.seq == newDurable, projection.lastSeq == newDurable else { return nil }
            s.snapshotWriting = true
            return StateCapture(registry: pending.registry, projection: projection, seq: newDurable)
        }
        feed.publish(newDurable)
        return capture
    }

    /// The state to write at shutdown, once appends are refused and everything admitted is
    /// durable: nil when snapshots are off, a write is under way, or nothing changed since
    /// the last snapshot.
    func shutdownCapture() -> StateCapture? {
        let projection = durableView.projectionCopy()
        let durableSeq = durableView.seq
        return state.withLock { s -> StateCapture? in
            guard snapshotEvery > 0, !s.snapshotWriting, s.staged.isEmpty, s.inFlight.isEmpty,
                durableSeq > s.snapshotSeq, projection.lastSeq == durableSeq, s.nextSeq - 1 == durableSeq
            else { return nil }
            s.snapshotWriting = true
            return StateCapture(registry: s.registry, projection: projection, seq: durableSeq)
        }
    }

    /// A snapshot write ended: written (`seq`) or failed (nil).
    func snapshotFinished(seq: UInt64?) {
        state.withLock { s in
            s.snapshotWriting = false
            if let seq {
                s.snapshotSeq = seq
                s.snapshotMicros = Clock.nowMicros()
            }
        }
    }

    /// Refuses appends from now on (they get `shutting_down`) and lets the commit thread
    /// return once it has written what is staged. Callable from any context.
    public func finishCommits() {
        state.withLock { s in
            s.finishing = true
        }
        signalWork()
    }

    /// Test hook (`TestHooksService`, SIGUSR1): the commit thread blocks forever at its next
    /// turn, so staged appends are never written and their replies never sent.
    public func stallCommitsForever() {
        state.withLock { $0.stalled = true }
        signalWork()
    }

    // MARK: Queries

    /// The reply line to `query` (request `id`), answered from durable state and written as
    /// bytes without an intermediate `JSONValue` where the projection can (`writeAnswer`).
    public func queryReply(_ query: Query, today: Day, id: JSONValue) -> Result<[UInt8], QueryError> {
        Result { () throws(QueryError) -> [UInt8] in
            try durableView.read { (p: borrowing Projection) throws(QueryError) -> [UInt8] in
                var out: [UInt8] = []
                out.reserveCapacity(1024)
                try Reply.ok(id: id, into: &out) { (out: inout [UInt8]) throws(QueryError) in
                    try p.writeAnswer(query, today: today, into: &out)
                }
                return out
            }
        }
    }

    /// The snapshot of durable records, for `read`.
    public func readSnapshot() -> LogSnapshot { durableView.snapshot }

    /// The durable seq now.
    public func durable() -> UInt64 { durableView.seq }

    /// The `status` result.
    public func status() -> JSONValue {
        let (durableSeq, events, units) = durableView.counts()
        let (clientCount, stagedEvents, logStats, snapshotSeq, snapshotMicros, commits) = state.withLock {
            ($0.clientCount, $0.staged.reduce(0) { $0 + $1.events.count }, $0.logStats, $0.snapshotSeq, $0.snapshotMicros, $0.commits)
        }
        return [
            "seq": .int(durableSeq), "events": .int(events), "segments": .int(logStats.segments),
            "logBytes": .int(logStats.bytes), "uptimeS": .int((Clock.nowMicros() - startedAtMicros) / 1_000_000),
            "clients": .int(clientCount), "version": .string(version), "staged": .int(stagedEvents),
            "units": .int(units), "subscriptions": .int(feed.count), "commits": .int(commits),
            "snapshotSeq": .int(snapshotSeq),
            "snapshotAgeS": snapshotMicros.map { .int((Clock.nowMicros() - $0) / 1_000_000) } ?? .null,
            "today": .string(calendar.today().description), "timeZone": .string(calendar.identifier),
        ]
    }

    /// Counts connected clients, for `status` and the service status line.
    public func clientConnected() { state.withLock { $0.clientCount += 1 } }
    /// See `clientConnected`.
    public func clientDisconnected() { state.withLock { $0.clientCount -= 1 } }

    /// Short figures for systemd's status line.
    public func figures() -> (events: UInt64, seq: UInt64, clients: Int) {
        let (durableSeq, events, _) = durableView.counts()
        return (events, durableSeq, state.withLock { $0.clientCount })
    }
}
