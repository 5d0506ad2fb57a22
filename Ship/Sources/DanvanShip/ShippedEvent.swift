/// One event of a province's log as it goes into the national `events` table.
///
/// `data` and `actor` are kept as the JSON text danvand sent (numbers as written), so that
/// PostgreSQL's `jsonb` holds them exactly (`jsonb` numbers are `numeric`).
public struct ShippedEvent: Sendable, Equatable {
    /// The event's position in its province's log (1, 2, …, no gap).
    public var seq: Int64
    /// The event's id (a UUID), unique across the country.
    public var id: String
    /// The event type (`land.donated`, …).
    public var type: String
    /// When danvand recorded it (RFC 3339, UTC).
    public var recordedAt: String
    /// The recording process's identity, JSON text (`{"uid":1000,"user":"lan"}`).
    public var actor: String
    /// The event's data, JSON text.
    public var data: String
    /// The stream, for events appended with one.
    public var stream: String?
    /// The position in its stream.
    public var version: Int64?

    /// An event.
    public init(seq: Int64, id: String, type: String, recordedAt: String, actor: String, data: String,
                stream: String? = nil, version: Int64? = nil) {
        self.seq = seq
        self.id = id
        self.type = type
        self.recordedAt = recordedAt
        self.actor = actor
        self.data = data
        self.stream = stream
        self.version = version
    }
}
