/// The on-disk format of the danvan log (version 1) and its invariants.
///
/// This file is the reference for the bytes danvan keeps on disk. Change the
/// code and this text together, and bump `LogFormat.version` for any change
/// that an older reader could misread.
///
/// ## State directory
///
///     <state-dir>/LOCK                          flock(LOCK_EX) held by the one writer
///     <state-dir>/00000000000000000001.dvlog    segment whose first record has seq 1
///     <state-dir>/00000000000000004097.dvlog    segment whose first record has seq 4097
///     <state-dir>/snapshot-<seq, 20 digits>.dvsnap  state snapshot (not part of the log; see `SnapshotFile`)
///
/// A segment file is named by the sequence number of its first record, as 20
/// decimal digits (zero padded, so name order is seq order) and the suffix
/// `.dvlog`. Files with any other name are ignored; among them the writer's
/// `spare-N.dvspare` files (space reserved for the next segments, see
/// `SpaceReservation`), which the log removes when it opens. The first segment is always
/// `00000000000000000001.dvlog`: sequence numbers start at 1 and the log has no
/// compaction, so a log whose first segment has another name is missing data.
///
/// ## Segment
///
///     +----------+-------------+--------------+----------+-----+----------+
///     | magic 8B | version u32 | reserved u32 | record 1 | ... | record n |
///     +----------+-------------+--------------+----------+-----+----------+
///      \______________ header, 16 bytes _____/
///
/// - magic is the ASCII bytes `DANVANLG`;
/// - version is 1;
/// - reserved is 0. A reader of version 1 rejects any other value, so a future
///   version may use the field only together with a new version number.
///
/// All integers in this format are little-endian.
///
/// ## Record
///
///     +------------+------------+---------+-----------------------+-------------------+
///     | length u32 | crc32c u32 | seq u64 | recordedAtMicros i64  | payload (length B) |
///     +------------+------------+---------+-----------------------+-------------------+
///      \__________________ record header, 24 bytes _____________/
///
/// - length is the payload length in bytes (0 is allowed);
/// - crc32c is CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial
///   value and final xor 0xFFFFFFFF) computed over the record with the crc
///   field left out: bytes 0..<4 (length) followed by bytes 8..<(24 + length)
///   (seq, time, payload), as one running checksum;
/// - seq is the global sequence number of the record;
/// - recordedAtMicros is when the server recorded the event, in microseconds
///   since the Unix epoch (UTC). The log stores it; it does not interpret it;
/// - payload is opaque to the log.
///
/// Records follow each other with no padding and no alignment. A record never
/// spans two segments.
///
/// The last segment's file may go on past its last record with zero bytes: room
/// the writer allocated ahead (`SpaceReservation`, `fallocate` extending the
/// size), so that each `fdatasync` writes inside the file's size instead of
/// making a new size durable. No record is all zeros (its seq is at least 1),
/// so zeros from some offset to the end of the file are the end of the
/// records, not a record. Readers of this format before the room existed
/// took such zeros for a torn tail and cut them off, which loses nothing.
///
/// ## Invariants
///
/// 1. Sequence numbers are global and gap-free: record k+1 (in segment order,
///    then file order) has seq(k) + 1. The first record of a segment has the
///    seq in the segment's name. The first record of the log has seq 1.
/// 2. Bytes are never rewritten. The writer only appends to the last
///    ("active") segment, writing records over the zeros of its room.
///    Recovery may shorten the last segment to cut off a torn tail, and
///    nothing else.
/// 3. A segment other than the last is complete: it holds at least one record
///    and ends exactly where its last record ends. The writer guarantees this
///    by cutting the room off a segment (ftruncate) and fsync-ing it before it
///    creates the next one. (Zeros after the last record of a sealed segment
///    are read as its end all the same: they hold no record, and the seq
///    chain to the next segment still shows any record missing.)
/// 4. A segment is started by: cut and fsync of the previous segment, create
///    of the new file (or rename of a spare file holding reserved room), write of
///    its header, fsync of the new file, fsync of the directory. So a segment that
///    exists after a crash has a valid header, except the last one, which may be
///    shorter than a header or zero-filled if the crash hit during that sequence.
/// 5. The writer starts a new segment when the next record would make the
///    active segment larger than the configured segment size (64 MiB by
///    default) and the active segment already holds a record. A record larger
///    than the segment size therefore gets a segment of its own.
/// 6. A record is durable, and may be acknowledged, only after an fdatasync
///    of its segment returned success. If fsync or fdatasync fails the writer
///    stops for good (see `StorageError.Code.syncFailed`): after a failed
///    fsync Linux may have dropped the dirty pages and clears the error, so a
///    retry can "succeed" without the data on disk (PostgreSQL's "fsyncgate").
///
/// ## Recovery (on open)
///
/// Segments are read in name order; every header, every record's length and
/// CRC, and the seq chain (invariant 1) are checked. The result for the first
/// damaged place found:
///
/// - **Torn tail** (repaired): in the LAST segment, a record at offset X whose
///   header is incomplete, whose length runs past the end of the file, or
///   whose CRC does not match (zero bytes left by a crash included), when no
///   valid record starts anywhere after X. "Valid record after X" means: at
///   some byte offset Y > X (searched byte by byte, because the length field
///   of the damaged record cannot be trusted) there is a complete record with
///   a matching CRC and a seq greater than the last good seq. A torn tail is
///   what a crash during an unsynced write leaves behind; those records were
///   never acknowledged. Recovery truncates the segment to X, fsyncs it, and
///   reports the segment, X and the number of bytes dropped.
/// - **End of the records**: from the record at X to the end of the file every
///   byte is zero (the writer's room, or a write that never reached the disk):
///   the records end at X, and nothing is repaired or reported.
/// - **Incomplete last segment** (repaired): the last segment's header is
///   invalid and its bytes are a prefix of a valid header followed by zeros (of
///   any length: a spare file renamed into place holds the room reserved in
///   it): the crash hit while the segment was being started. Recovery rewrites its header (truncate to 0, write header,
///   fsync the file, fsync the directory) and reports it like a torn tail.
///   The file is kept, not removed, so the segment's name stays the seq of the
///   next record to be written, as invariant 1 wants.
/// - **Corruption** (refused, nothing is modified): a damaged record followed
///   by a valid record in the same segment; a damaged record, or trailing
///   bytes, in any segment but the last; a bad header (wrong magic, unknown
///   version, non-zero reserved field) anywhere except the incomplete last
///   segment case above; a segment with no records that is not the last; a
///   valid record whose seq is not the expected one (gap or duplicate); a
///   segment whose name does not match its first record or the seq chain.
///   Open throws `StorageError` with code `.corrupted` or `.badHeader`, naming
///   the segment and the offset. Data is never dropped silently: a person must
///   look (`LogVerifier` lists every damaged place) and decide.
///
/// One case is deliberately refused although it can be innocent: a crash in
/// the middle of a multi-page unsynced write can persist a later page but not
/// an earlier one, which looks like damage followed by a valid record. The
/// log cannot tell that apart from a flipped bit in acknowledged data, so it
/// refuses to open rather than guess.
///
/// After recovery the last segment is fdatasync-ed once, so every record that
/// survived recovery is durable before the writer accepts new records.
///
/// ## Files, modes, memory
///
/// The writer creates the state directory with mode 0750 and segments with
/// mode 0640. `LOCK` is empty; only its flock matters, so it is never removed.
/// Nothing but segments is persisted: the sparse index (the position of every
/// 64th record) and the durable offsets are rebuilt by recovery.
///
/// ## Readers
///
/// Segments are append-only and bytes below the durable end never change, so
/// a reader (`LogSnapshot`) reads the file range below the end it was given
/// without any lock, while the writer appends after it. A reader that finds a
/// damaged record inside that range reports corruption: the range was
/// validated or written and synced by this process, so damage there is new.
///
/// ## In code
///
/// The constants below are the format: everything that knows a byte offset of a
/// segment or a record reads it from here, so the format has one definition in
/// code as it has one in prose.
public enum LogFormat {
    /// The eight bytes every segment starts with: ASCII `DANVANLG`.
    public static let magic: [UInt8] = Array("DANVANLG".utf8)

    /// The format version written in every segment header; readers reject
    /// other versions instead of misreading them.
    public static let version: UInt32 = 1

    /// Size of a segment header (magic, version, reserved).
    public static let segmentHeaderSize = 16

    /// Size of a record header (length, crc32c, seq, recordedAtMicros); the
    /// payload follows it.
    public static let recordHeaderSize = 24

    /// The largest payload a record can carry: its length must fit the u32
    /// length field.
    public static let maxPayloadLength = Int(UInt32.max)

    /// The suffix of segment file names.
    public static let segmentSuffix = ".dvlog"

    /// Number of decimal digits of the seq in a segment file name.
    public static let segmentNameDigits = 20

    /// The default segment size: 64 MiB keeps the number of files small and a
    /// single segment cheap to scan on recovery.
    public static let defaultSegmentSize = 64 << 20

    /// The sparse index keeps the position of every record whose seq is
    /// `1 + k * indexStride`, so a reader starting at any seq skips at most
    /// `indexStride - 1` records.
    public static let indexStride: UInt64 = 64

    /// The segment header bytes of this format version.
    public static let segmentHeader: [UInt8] = {
        var header = magic
        appendLittleEndian(version, to: &header)
        appendLittleEndian(UInt32(0), to: &header)
        return header
    }()

    /// The file name of the segment whose first record has `firstSeq`:
    /// 20 zero-padded decimal digits and `.dvlog`.
    public static func segmentFileName(firstSeq: UInt64) -> String {
        let digits = String(firstSeq)
        return String(repeating: "0", count: segmentNameDigits - digits.count) + digits + segmentSuffix
    }

    /// The first seq encoded in a segment file name, or nil when `name` is not
    /// a segment file name (such files are ignored by the log).
    public static func firstSeq(ofSegmentFileName name: String) -> UInt64? {
        let utf8 = Array(name.utf8)
        let suffix = Array(segmentSuffix.utf8)
        guard utf8.count == segmentNameDigits + suffix.count,
            Array(utf8[segmentNameDigits...]) == suffix
        else { return nil }
        var value: UInt64 = 0
        for byte in utf8[..<segmentNameDigits] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// Why `bytes` is not a valid segment header, or nil when it is one.
    static func headerProblem(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count >= segmentHeaderSize else {
            return "segment header is incomplete (\(bytes.count) of \(segmentHeaderSize) bytes)"
        }
        for index in 0..<magic.count where bytes[index] != magic[index] {
            return "segment header has wrong magic (expected DANVANLG)"
        }
        let version = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == LogFormat.version else {
            return "segment header has format version \(version); this danvan reads version \(LogFormat.version) (written by a newer danvan?)"
        }
        let reserved = bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian
        guard reserved == 0 else {
            return "segment header has non-zero reserved field \(reserved)"
        }
        return nil
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
