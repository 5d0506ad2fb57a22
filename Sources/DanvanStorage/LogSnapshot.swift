import SystemPackage

/// A read-only view of the records that were durable when it was taken
/// (seq 1 through `lastSeq`), usable from any thread while the writer goes on.
///
/// Safe without locks because of the format's invariants: bytes below a
/// durable offset never change, sealed segments never change, and the
/// snapshot never reads past the end it was given, so a write in progress at
/// the tail is never seen. Each `forEach` opens its own file descriptors and
/// buffer, so any number of readers run in parallel.
///
/// Reading is built for replay: segments are read in multi-megabyte chunks
/// (one pread per chunk), records are checked (CRC, seq chain) in memory and
/// handed to the callback without copying. A start seq is found through the
/// sparse index, so reading from the middle of the log costs at most
/// `LogFormat.indexStride - 1` skipped records.
public struct LogSnapshot: Sendable {
    /// The state directory of the log.
    public let directory: String

    /// The last seq this snapshot can read: the log's `durableSeq` when the
    /// snapshot was taken (0 for an empty log).
    public let lastSeq: UInt64

    let fileSystem: any StorageFileSystem
    let index: SparseIndex
    /// The log's segments; only the first `segmentCount` are read.
    let segments: [SegmentDescriptor]
    let segmentCount: Int
    /// Where the last durable record of `segments[segmentCount - 1]` ends.
    let lastSegmentEnd: Int64

    init(
        directory: String, fileSystem: any StorageFileSystem, index: SparseIndex, segments: [SegmentDescriptor],
        segmentCount: Int, lastSegmentEnd: Int64, lastSeq: UInt64
    ) {
        self.directory = directory
        self.fileSystem = fileSystem
        self.index = index
        self.segments = segments
        self.segmentCount = segmentCount
        self.lastSegmentEnd = lastSegmentEnd
        self.lastSeq = lastSeq
    }

    /// Calls `body` with each record from seq `from` through `through`
    /// (default and upper bound: the snapshot's `lastSeq`), in seq order,
    /// until `body` returns false.
    ///
    /// The `LogRecordView` passed to `body` points into a buffer that is
    /// reused: copy what you keep.
    ///
    /// - Throws: what `body` throws; `StorageError` `.corrupted` when a record
    ///   in the range fails its CRC or breaks the seq chain (the data changed
    ///   on disk after it was written or recovered), `.ioError` when reading
    ///   fails.
    public func forEach(
        from seq: UInt64 = 1,
        through last: UInt64? = nil,
        _ body: (LogRecordView) throws -> Bool
    ) throws {
        let upper = min(last ?? lastSeq, lastSeq)
        let start = max(seq, 1)
        guard start <= upper, segmentCount > 0 else { return }

        // The segment holding `start`: the last one whose first seq is ≤ it.
        var low = 0
        var high = segmentCount
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].firstSeq <= start { low = middle + 1 } else { high = middle }
        }
        var segmentIndex = max(0, low - 1)
        var offset = Int64(LogFormat.segmentHeaderSize)
        var expected = segments[segmentIndex].firstSeq
        if let entry = index.entry(atOrBefore: start), entry.segmentFirstSeq == segments[segmentIndex].firstSeq {
            offset = entry.offset
            expected = entry.seq
        }

        var reader: SegmentReader?
        while segmentIndex < segmentCount {
            let segment = segments[segmentIndex]
            if offset == Int64(LogFormat.segmentHeaderSize), segment.firstSeq != expected {
                throw StorageError.corrupted(
                    segment: segment.path, offset: 0,
                    reason: "segment starts at seq \(segment.firstSeq), expected \(expected)"
                )
            }
            let limit = segmentIndex == segmentCount - 1 ? lastSegmentEnd : segment.endOffset
            let file: any StorageFile
            do {
                file = try fileSystem.open(segment.path, mode: .readOnly)
            } catch {
                throw StorageError.ioError("opening segment", path: segment.path, errno: error)
            }
            defer { file.close() }
            let current: SegmentReader
            if let reader {
                reader.reset(file: file, from: offset, limit: limit)
                current = reader
            } else {
                current = SegmentReader(file: file, from: offset, limit: limit)
                reader = current
            }
            readLoop: while true {
                let step: SegmentReadStep
                do {
                    step = try current.next()
                } catch {
                    throw StorageError.ioError("reading segment", path: segment.path, errno: error)
                }
                switch step {
                case .record(let header, let recordOffset, let payload):
                    guard header.seq == expected else {
                        throw StorageError.corrupted(
                            segment: segment.path, offset: recordOffset,
                            reason: "record has seq \(header.seq), expected \(expected)"
                        )
                    }
                    expected += 1
                    if header.seq >= start {
                        let view = LogRecordView(seq: header.seq, recordedAtMicros: header.recordedAtMicros, payload: payload)
                        if try !body(view) { return }
                        if header.seq >= upper { return }
                    }
                case .end:
                    break readLoop
                case .incomplete(let badOffset, let reason), .checksumMismatch(let badOffset, let reason):
                    throw StorageError.corrupted(segment: segment.path, offset: badOffset, reason: reason)
                }
            }
            segmentIndex += 1
            offset = Int64(LogFormat.segmentHeaderSize)
        }
        let lastPath = segments[segmentCount - 1].path
        throw StorageError.corrupted(
            segment: lastPath, offset: lastSegmentEnd,
            reason: "the log ends at seq \(expected - 1) but seq \(upper) was expected"
        )
    }

    /// The records from `from` through `through` as values, for tests and
    /// small reads; replay should use `forEach` to avoid the copies.
    public func records(from seq: UInt64 = 1, through last: UInt64? = nil) throws -> [PendingRecord] {
        var result: [PendingRecord] = []
        try forEach(from: seq, through: last) { record in
            result.append(PendingRecord(seq: record.seq, recordedAtMicros: record.recordedAtMicros, payload: record.payloadBytes))
            return true
        }
        return result
    }
}
