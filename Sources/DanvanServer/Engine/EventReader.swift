import DanvanDomain
import DanvanStorage

/// Reads stored events back from the log: `read`, `export`, and the targets of corrections.
public enum EventReader {
    /// The event with `seq`, or nil when the snapshot does not hold it.
    public static func event(seq: UInt64, in snapshot: LogSnapshot) throws -> StoredEvent? {
        var found: StoredEvent?
        try snapshot.forEach(from: seq, through: seq) { record in
            found = try EventPayloadCodec.decode(record.payload, seq: record.seq, recordedAtMicros: record.recordedAtMicros)
            return false
        }
        return found
    }

    /// Events from `fromSeq`, filtered, at most `limit` of them, examining at most
    /// `scanLimit` records so that a filter matching nothing cannot scan a whole log
    /// in one request. Returns the events and the seq to continue from.
    public static func events(
        from fromSeq: UInt64, limit: Int, types: Set<EventType>?, stream: String?,
        in snapshot: LogSnapshot, scanLimit: Int = 100_000
    ) throws -> (events: [StoredEvent], nextSeq: UInt64) {
        var events: [StoredEvent] = []
        var next = max(fromSeq, 1)
        var scanned = 0
        try snapshot.forEach(from: next) { record in
            let event = try EventPayloadCodec.decode(record.payload, seq: record.seq, recordedAtMicros: record.recordedAtMicros)
            next = record.seq + 1
            scanned += 1
            if (types?.contains(event.type) ?? true) && (stream == nil || event.stream == stream) {
                events.append(event)
            }
            return events.count < limit && scanned < scanLimit
        }
        return (events, next)
    }
}
