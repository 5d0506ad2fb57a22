/// Records framed for the log, ready to be written with one system call.
///
/// The server can build a batch on any thread (framing and CRC computation
/// happen here, off the writer thread), reuse it across commits with
/// `removeAll(keepingCapacity:)`, and write the payload straight into the
/// batch's buffer with `append(seq:recordedAtMicros:writingPayload:)`, so a
/// commit costs no allocation per record.
///
/// Problems found while building (a seq that does not follow the previous
/// one, a payload too large for the format) are remembered and thrown by
/// `SegmentedLog.append(_:)`, which then writes nothing.
public struct RecordBatch: Sendable {
    /// The framed records, back to back, exactly as they go to disk.
    private(set) var bytes: [UInt8]

    /// The offset in `bytes` where each record ends.
    private(set) var ends: [Int]

    /// The seq of the first record, or 0 when the batch is empty.
    public private(set) var firstSeq: UInt64 = 0

    /// The seq of the last record, or 0 when the batch is empty.
    public private(set) var lastSeq: UInt64 = 0

    /// The first problem found while building, thrown by `append`.
    private(set) var problem: StorageError?

    /// An empty batch; `reservingCapacity` is a hint in bytes.
    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
        ends = []
    }

    /// A batch holding `records`, in order.
    public init(_ records: [PendingRecord]) {
        var capacity = 0
        for record in records { capacity += LogFormat.recordHeaderSize + record.payload.count }
        self.init(reservingCapacity: capacity)
        for record in records {
            append(seq: record.seq, recordedAtMicros: record.recordedAtMicros, payload: record.payload)
        }
    }

    /// The number of records in the batch.
    public var count: Int { ends.count }

    /// Whether the batch holds no record.
    public var isEmpty: Bool { ends.isEmpty }

    /// The size of the batch on disk, in bytes.
    public var byteCount: Int { bytes.count }

    /// Empties the batch, keeping its buffers for the next commit by default.
    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        ends.removeAll(keepingCapacity: keepingCapacity)
        firstSeq = 0
        lastSeq = 0
        problem = nil
    }

    /// Appends a record whose payload is `payload`.
    public mutating func append(seq: UInt64, recordedAtMicros: Int64, payload: UnsafeRawBufferPointer) {
        let start = beginRecord(seq: seq, recordedAtMicros: recordedAtMicros)
        bytes.append(contentsOf: payload)
        finishRecord(start: start)
    }

    /// Appends a record whose payload is `payload`.
    public mutating func append(seq: UInt64, recordedAtMicros: Int64, payload: [UInt8]) {
        payload.withUnsafeBytes { append(seq: seq, recordedAtMicros: recordedAtMicros, payload: $0) }
    }

    /// Appends a record whose payload `writePayload` appends to the buffer it
    /// is given. It must only append: the bytes before are other records.
    /// If it throws, the record is removed again and the error rethrown.
    public mutating func append<Failure: Error>(
        seq: UInt64,
        recordedAtMicros: Int64,
        writingPayload writePayload: (inout [UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        let start = beginRecord(seq: seq, recordedAtMicros: recordedAtMicros)
        do {
            try writePayload(&bytes)
        } catch {
            bytes.removeSubrange(start...)
            throw error
        }
        finishRecord(start: start)
    }

    /// The record bytes of records `range`, as written to disk.
    func byteRange(ofRecords range: Range<Int>) -> Range<Int> {
        let lower = range.lowerBound == 0 ? 0 : ends[range.lowerBound - 1]
        let upper = range.isEmpty ? lower : ends[range.upperBound - 1]
        return lower..<upper
    }

    /// The size on disk of record `index`.
    func recordSize(_ index: Int) -> Int {
        ends[index] - (index == 0 ? 0 : ends[index - 1])
    }

    private mutating func beginRecord(seq: UInt64, recordedAtMicros: Int64) -> Int {
        if isEmpty {
            firstSeq = seq
        } else if problem == nil, lastSeq == UInt64.max || seq != lastSeq + 1 {
            problem = StorageError(
                code: .sequenceGap,
                message: "batch has seq \(seq) after seq \(lastSeq); nothing was written (records must have consecutive seqs)"
            )
        }
        lastSeq = seq
        let start = bytes.count
        LogFormat.appendLittleEndian(UInt32(0), to: &bytes)  // length, patched by finishRecord
        LogFormat.appendLittleEndian(UInt32(0), to: &bytes)  // crc, patched by finishRecord
        LogFormat.appendLittleEndian(seq, to: &bytes)
        LogFormat.appendLittleEndian(recordedAtMicros, to: &bytes)
        return start
    }

    private mutating func finishRecord(start: Int) {
        let length = bytes.count - start - LogFormat.recordHeaderSize
        if length > LogFormat.maxPayloadLength {
            if problem == nil {
                problem = .invalidArgument(
                    "record seq \(lastSeq) has a payload of \(length) bytes; the log format allows at most \(LogFormat.maxPayloadLength)"
                )
            }
            bytes.removeSubrange(start...)
            return
        }
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(length).littleEndian, toByteOffset: start, as: UInt32.self)
            let crc = RecordHeader.expectedChecksum(UnsafeRawBufferPointer(raw), recordAt: start, length: length)
            raw.storeBytes(of: crc.littleEndian, toByteOffset: start + 4, as: UInt32.self)
        }
        ends.append(bytes.count)
    }
}
