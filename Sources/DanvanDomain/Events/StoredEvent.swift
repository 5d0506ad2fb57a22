/// Who appended an event: taken from the peer's credentials (SO_PEERCRED), never from the client.
public struct Actor: Sendable, Hashable {
    /// Numeric user id.
    public var uid: UInt32
    /// User name when the uid resolves to one, else the uid as text.
    public var user: String

    /// Creates an actor.
    public init(uid: UInt32, user: String) {
        self.uid = uid
        self.user = user
    }
}

/// An event as the log holds it: the client's fact plus what the server added.
public struct StoredEvent: Sendable, Hashable {
    /// Global position, gap-free from 1.
    public var seq: UInt64
    /// Identity; re-sending the same id is a duplicate, not a second fact.
    public var id: EventID
    /// Optional stream the event belongs to, for optimistic concurrency.
    public var stream: String?
    /// Position in its stream (1-based); nil without a stream.
    public var version: Int64?
    /// When the server recorded it, microseconds since the Unix epoch (UTC).
    public var recordedAtMicros: Int64
    /// Who appended it.
    public var actor: Actor
    /// The fact.
    public var data: EventData

    /// The catalogue type.
    public var type: EventType { data.type }

    /// Creates a stored event.
    public init(seq: UInt64, id: EventID, stream: String?, version: Int64?, recordedAtMicros: Int64, actor: Actor, data: EventData) {
        self.seq = seq
        self.id = id
        self.stream = stream
        self.version = version
        self.recordedAtMicros = recordedAtMicros
        self.actor = actor
        self.data = data
    }
}
