/// One repair recovery made to the last segment: a torn tail cut off, or an
/// incomplete segment header rewritten.
///
/// Only bytes of records that were never synced (so never acknowledged) are
/// ever dropped this way, but the operator should still see every such
/// repair: the daemon logs these.
public struct TruncationReport: Sendable, Hashable, CustomStringConvertible {
    /// The path of the repaired segment.
    public var segment: String
    /// Where the dropped bytes started; the segment now ends here.
    public var offset: Int64
    /// How many bytes were dropped.
    public var bytesDropped: Int64
    /// What was wrong at `offset`.
    public var reason: String

    /// Creates a report.
    public init(segment: String, offset: Int64, bytesDropped: Int64, reason: String) {
        self.segment = segment
        self.offset = offset
        self.bytesDropped = bytesDropped
        self.reason = reason
    }

    /// A line for the log.
    public var description: String {
        "dropped \(bytesDropped) bytes of torn tail at offset \(offset) of \(segment): \(reason)"
    }
}

/// What `SegmentedLog.open` found and did.
public struct RecoveryReport: Sendable, Hashable {
    /// Number of segment files of the log after recovery.
    public var segmentCount: Int
    /// Number of records recovered.
    public var recordCount: UInt64
    /// The seq of the last record (0 when the log is empty).
    public var lastSeq: UInt64
    /// Total size of the segment files, headers included, after recovery.
    public var totalBytes: Int64
    /// Repairs made to the last segment (at most one today).
    public var truncations: [TruncationReport]
    /// True when the directory held no segment and a new log was started.
    public var createdNewLog: Bool

    /// Creates a report.
    public init(
        segmentCount: Int, recordCount: UInt64, lastSeq: UInt64, totalBytes: Int64,
        truncations: [TruncationReport], createdNewLog: Bool
    ) {
        self.segmentCount = segmentCount
        self.recordCount = recordCount
        self.lastSeq = lastSeq
        self.totalBytes = totalBytes
        self.truncations = truncations
        self.createdNewLog = createdNewLog
    }
}

/// One segment file of an open log.
struct SegmentDescriptor: Sendable, Equatable {
    /// The seq of its first record, which is also its name.
    var firstSeq: UInt64
    /// Its path.
    var path: String
    /// Where its last record ends. Exact for sealed segments; for the active
    /// segment, its value when the descriptor was made (the writer tracks the
    /// live end separately).
    var endOffset: Int64
}
