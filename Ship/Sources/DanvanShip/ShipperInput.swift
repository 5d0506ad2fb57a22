/// What happened, told to `ShipperCore`: the outcome of its last action, or a failure.
public enum ShipperInput: Sendable, Equatable {
    /// The shipper starts.
    case started
    /// A read-write session with PostgreSQL is open (migrations applied) on `host`.
    case databaseConnected(host: String)
    /// PostgreSQL could not be reached, refused, or a statement failed (the batch was not committed).
    case databaseFailed(String)
    /// The province's checkpoint: `max(seq)` of its events in PostgreSQL (0 when none).
    case checkpointRead(Int64)
    /// danvand acknowledged the subscription: events follow from `fromSeq`; its log ended at `lastSeq`.
    case subscribed(fromSeq: Int64, lastSeq: Int64)
    /// danvand could not be reached, closed the connection, refused the subscription or sent
    /// a line that cannot be read.
    case danvandFailed(String)
    /// danvand ended the subscription with `code` (`too_slow`), saying where to resume.
    case subscriptionEnded(code: String, resumeFrom: Int64?)
    /// The next events read from the subscription, in the order received (none: idle).
    case received([ShippedEvent])
    /// The batch ending at `lastSeq` is committed: `inserted` rows were new, the rest were there already.
    case committed(lastSeq: Int64, inserted: Int)
    /// Some events of the batch were in PostgreSQL already under another id at the same seq
    /// (or the same id at another seq): PostgreSQL holds a different log for this province.
    case diverged(seq: Int64)
}
