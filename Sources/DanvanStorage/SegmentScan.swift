import SystemPackage

/// The records of one segment read in order from some offset until the end
/// or the first problem: the common first step of recovery and verification.
/// What a problem means (torn tail, corruption) is decided by the caller,
/// which knows whether the segment is the last one.
struct SegmentScan {
    /// Why the scan stopped.
    enum Stop {
        /// Clean end: the last record ends exactly at the limit, or only zero
        /// bytes follow it up to the limit (room the writer allocated ahead,
        /// see `LogFormat`); `goodEnd` is where the last record ends.
        case end
        /// The record at `offset` is incomplete or fails its CRC.
        case damaged(offset: Int64, reason: String)
        /// The record at `offset` is valid but has seq `found` instead of `expected`.
        case unexpectedSeq(offset: Int64, found: UInt64, expected: UInt64)
    }

    /// Number of good records read.
    var records: UInt64
    /// The seq of the last good record (the expected seq minus one when there
    /// was none).
    var lastGoodSeq: UInt64
    /// File offset just after the last good record.
    var goodEnd: Int64
    var stop: Stop

    /// Reads records with `reader` from its position, expecting seqs
    /// `expectedSeq`, `expectedSeq + 1`, ... Calls `visit(seq, offset)` for
    /// each good record. On `.unexpectedSeq` the reader is left at the
    /// offending record.
    static func run(
        reader: SegmentReader,
        expectedSeq: UInt64,
        visit: (UInt64, Int64) -> Void
    ) throws(Errno) -> SegmentScan {
        var expected = expectedSeq
        var records: UInt64 = 0
        while true {
            let step = try reader.next()
            switch step {
            case .record(let header, let offset, _):
                guard header.seq == expected else {
                    reader.seek(to: offset)
                    return SegmentScan(
                        records: records, lastGoodSeq: expected &- 1, goodEnd: offset,
                        stop: .unexpectedSeq(offset: offset, found: header.seq, expected: expected)
                    )
                }
                visit(header.seq, offset)
                records += 1
                expected &+= 1
            case .end:
                return SegmentScan(records: records, lastGoodSeq: expected &- 1, goodEnd: reader.position, stop: .end)
            case .incomplete(let offset, let reason), .checksumMismatch(let offset, let reason):
                // No record is all zeros (its seq is at least 1), so zeros to the
                // limit are the writer's room, not a torn or damaged record.
                if try reader.restIsZero() {
                    return SegmentScan(records: records, lastGoodSeq: expected &- 1, goodEnd: offset, stop: .end)
                }
                return SegmentScan(
                    records: records, lastGoodSeq: expected &- 1, goodEnd: offset,
                    stop: .damaged(offset: offset, reason: reason)
                )
            }
        }
    }
}

/// The byte-by-byte search for a valid record after a damaged one.
///
/// The damaged record's length field cannot be trusted, so the next record
/// boundary is unknown; every byte offset is tried. A candidate must be a
/// complete record with a matching CRC and a plausible seq: greater than the
/// last good seq, and not further ahead than the number of minimal records
/// that fit in the bytes skipped. Cheap checks (length fits, seq plausible)
/// come before the CRC, so the search costs little more than a pass over
/// the bytes.
enum Resync {
    /// The first valid record in `bytes` at or after index `from`. `bytes`
    /// starts at file offset `fileOffset`. Returns the record's file offset
    /// and seq.
    static func findValidRecord(
        in bytes: [UInt8],
        fileOffset: Int64,
        from: Int,
        afterSeq: UInt64
    ) -> (offset: Int64, seq: UInt64)? {
        let headerSize = LogFormat.recordHeaderSize
        return bytes.withUnsafeBytes { raw -> (offset: Int64, seq: UInt64)? in
            guard raw.count >= headerSize else { return nil }
            var index = max(0, from)
            while index + headerSize <= raw.count {
                let header = RecordHeader(raw, at: index)
                let maxSeq = afterSeq &+ 2 &+ UInt64(index / headerSize)
                if header.seq > afterSeq, header.seq <= maxSeq,
                    header.length <= raw.count - index - headerSize,
                    RecordHeader.expectedChecksum(raw, recordAt: index, length: header.length) == header.crc
                {
                    return (fileOffset + Int64(index), header.seq)
                }
                index += 1
            }
            return nil
        }
    }
}
