/// A record handed to `SegmentedLog.append(_:)`: the seq the server assigned,
/// the time it recorded the event, and the opaque payload bytes.
public struct PendingRecord: Sendable, Hashable {
    /// The record's sequence number; must be the log's `lastSeq + 1` for the
    /// first record of a batch and consecutive after that.
    public var seq: UInt64

    /// When the event was recorded, in microseconds since the Unix epoch (UTC).
    public var recordedAtMicros: Int64

    /// The payload, opaque to the log, at most `LogFormat.maxPayloadLength` bytes.
    public var payload: [UInt8]

    /// Creates a record to append.
    public init(seq: UInt64, recordedAtMicros: Int64, payload: [UInt8]) {
        self.seq = seq
        self.recordedAtMicros = recordedAtMicros
        self.payload = payload
    }
}
