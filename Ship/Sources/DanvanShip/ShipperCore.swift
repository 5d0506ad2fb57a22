/// The shipper's decisions, without I/O: told what happened (`ShipperInput`), it answers what
/// to do next (`ShipperAction`s, in order), so each decision is tested on its own.
///
/// The rules:
/// - the checkpoint is PostgreSQL's `max(seq)` for the province, read after every (re)connection
///   of either side, never kept anywhere else; the subscription starts at it (the last event
///   shipped, sent again: its id is checked against PostgreSQL's, so a danvand holding another
///   log for the province is caught before anything of it is stored);
/// - events go to PostgreSQL in batches of at most `batchSize`, one transaction each, and the next
///   batch is read only once the previous one is committed: a slow database slows the
///   subscription (danvand keeps no queue for a subscriber), never danvand's appends;
/// - events are accepted only in seq order without a gap; an event at or before the checkpoint
///   (after a resubscription) is dropped, a gap resubscribes from the checkpoint;
/// - a lost database or danvand is retried with exponential backoff and logged once, and once
///   more when it is back;
/// - a province whose log disagrees with what PostgreSQL holds for it stops the shipper.
public struct ShipperCore: Sendable {
    /// Exit code when PostgreSQL holds another log for the province (EX_DATAERR): restarting cannot help.
    public static let divergedExitCode: Int32 = 65

    /// The province's code (the `province` column).
    public let province: String
    /// Most events in one transaction.
    public let batchSize: Int
    /// The retry waits.
    public let backoff: Backoff

    /// The next seq to ship: checkpoint + 1 (nil until the checkpoint is read).
    public private(set) var nextSeq: Int64?
    /// Rows inserted since start.
    public private(set) var inserted: Int64 = 0
    /// Failed attempts at PostgreSQL since it was last reachable.
    public private(set) var databaseFailures = 0
    /// Failed attempts at danvand since it last answered.
    public private(set) var danvandFailures = 0
    /// The checkpoint's seq while its event, sent again by the new subscription, is still to be checked.
    public private(set) var overlapSeq: Int64?
    /// Whether a batch is being written (no read until it is committed).
    public private(set) var writing = false

    /// A core for `province`.
    public init(province: String, batchSize: Int = 500, backoff: Backoff = Backoff()) {
        self.province = province
        self.batchSize = max(1, batchSize)
        self.backoff = backoff
    }

    /// The actions that follow `input`.
    public mutating func handle(_ input: ShipperInput) -> [ShipperAction] {
        switch input {
        case .started:
            return [.connectDatabase]

        case .databaseConnected(let host):
            var actions: [ShipperAction] = []
            if databaseFailures > 0 {
                actions.append(.log(ShipperLogLine(.notice, "PostgreSQL is reachable again (\(host)) after \(databaseFailures) failed attempts; shipping resumes from its checkpoint")))
            }
            databaseFailures = 0
            return actions + [.readCheckpoint]

        case .databaseFailed(let message):
            writing = false
            databaseFailures += 1
            var actions: [ShipperAction] = []
            if databaseFailures == 1 {
                actions.append(.log(ShipperLogLine(.error, "PostgreSQL: \(message); nothing of the batch in flight was committed; retrying with backoff up to \(backoff.maximumMilliseconds / 1000) s (logged again once it is back)")))
            }
            return actions + [.sleep(milliseconds: backoff.delay(attempt: databaseFailures)), .connectDatabase]

        case .checkpointRead(let maxSeq):
            nextSeq = maxSeq + 1
            overlapSeq = maxSeq > 0 ? maxSeq : nil
            return [.subscribe(fromSeq: max(1, maxSeq))]

        case .subscribed(_, let lastSeq):
            var actions: [ShipperAction] = []
            if danvandFailures > 0 {
                actions.append(.log(ShipperLogLine(.notice, "danvand answers again after \(danvandFailures) failed attempts; following from seq \(nextSeq ?? 1)")))
            }
            danvandFailures = 0
            if let next = nextSeq, lastSeq < next - 1 {
                actions.append(.log(ShipperLogLine(.warning, "danvand's log ends at seq \(lastSeq) but PostgreSQL holds province \(province) up to seq \(next - 1): was danvand restored from an older backup? Events from \(lastSeq + 1) on will be checked against PostgreSQL's as they come")))
            }
            return actions + [.read(max: batchSize)]

        case .danvandFailed(let message):
            return danvandLost("danvand: \(message)")

        case .subscriptionEnded(let code, let resumeFrom):
            let at = resumeFrom.map { " (resume from \($0))" } ?? ""
            return danvandLost("danvand ended the subscription: \(code)\(at)")

        case .received(let events):
            guard let next = nextSeq else { return [.readCheckpoint] }
            let first = overlapSeq ?? next
            let fresh = events.drop { $0.seq < first }
            guard !fresh.isEmpty else { return [.read(max: batchSize)] }
            var expected = first
            for event in fresh {
                guard event.seq == expected else {
                    return [
                        .log(ShipperLogLine(.warning, "danvand sent seq \(event.seq) where \(expected) was expected; resubscribing from the checkpoint")),
                        .readCheckpoint,
                    ]
                }
                expected += 1
            }
            overlapSeq = nil
            writing = true
            // The read asked for at most batchSize; more (a reader that ignored it) are cut to it
            // and the rest comes again after the commit, from the checkpoint onwards.
            return [.write(Array(fresh.prefix(batchSize)))]

        case .committed(let lastSeq, let count):
            inserted += Int64(count)
            if let next = nextSeq, lastSeq >= next { nextSeq = lastSeq + 1 }
            writing = false
            return [.read(max: batchSize)]

        case .diverged(let seq):
            return [
                .log(ShipperLogLine(.error, "PostgreSQL holds another event for province \(province) at or near seq \(seq) (another id, or this id at another seq): its events there come from a different log. Nothing more is shipped; check that --province names this danvand's province, and compare `danvanctl read --from \(seq)` with SELECT * FROM events WHERE province = '\(province)' AND seq >= \(seq)")),
                .stop(exitCode: Self.divergedExitCode),
            ]
        }
    }

    private mutating func danvandLost(_ message: String) -> [ShipperAction] {
        writing = false
        danvandFailures += 1
        var actions: [ShipperAction] = []
        if danvandFailures == 1 {
            actions.append(.log(ShipperLogLine(.error, "\(message); retrying with backoff up to \(backoff.maximumMilliseconds / 1000) s from PostgreSQL's checkpoint (logged again once it answers)")))
        }
        return actions + [.sleep(milliseconds: backoff.delay(attempt: danvandFailures)), .readCheckpoint]
    }
}
