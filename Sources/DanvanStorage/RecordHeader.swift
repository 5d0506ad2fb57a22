/// The fixed 24-byte header of a record, decoded (see `LogFormat`).
struct RecordHeader {
    /// Payload length in bytes.
    var length: Int
    /// The stored CRC-32C.
    var crc: UInt32
    var seq: UInt64
    var recordedAtMicros: Int64

    /// Total size of the record on disk: header plus payload.
    var recordSize: Int { LogFormat.recordHeaderSize + length }

    /// Decodes the header at `offset` of `bytes`; the caller guarantees
    /// `offset + LogFormat.recordHeaderSize <= bytes.count`.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
        crc = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian
        seq = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian
        recordedAtMicros = bytes.loadUnaligned(fromByteOffset: offset + 16, as: Int64.self).littleEndian
    }

    /// The CRC-32C a record should carry: over its length field, then its
    /// seq, time and payload (everything but the crc field). The caller
    /// guarantees the whole record, `recordSize` bytes, is in `bytes`.
    @inline(__always)
    static func expectedChecksum(_ bytes: UnsafeRawBufferPointer, recordAt offset: Int, length: Int) -> UInt32 {
        let lengthField = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 4)])
        let rest = UnsafeRawBufferPointer(
            rebasing: bytes[(offset + 8)..<(offset + LogFormat.recordHeaderSize + length)]
        )
        return CRC32C.update(CRC32C.checksum(lengthField), rest)
    }
}
