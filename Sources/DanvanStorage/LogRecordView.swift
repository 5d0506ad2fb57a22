/// One record as a reader sees it, without copying its payload.
///
/// `payload` points into the reader's buffer and is valid only during the
/// callback that received the view: copy it (`payloadBytes`) to keep it. This
/// is what lets a replay run without one allocation per record.
public struct LogRecordView {
    /// The record's sequence number.
    public let seq: UInt64

    /// When the event was recorded, in microseconds since the Unix epoch (UTC).
    public let recordedAtMicros: Int64

    /// The payload bytes, valid only inside the callback.
    public let payload: UnsafeRawBufferPointer

    /// Creates a view; the log creates these, tests may too.
    public init(seq: UInt64, recordedAtMicros: Int64, payload: UnsafeRawBufferPointer) {
        self.seq = seq
        self.recordedAtMicros = recordedAtMicros
        self.payload = payload
    }

    /// A copy of the payload that outlives the callback.
    public var payloadBytes: [UInt8] { Array(payload) }
}
