import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `SegmentReader.next()` found at the current position.
enum SegmentReadStep {
    /// A complete record with a valid CRC at file offset `offset`. Its payload
    /// is at `payload` inside the reader's buffer, valid until the next call.
    case record(RecordHeader, offset: Int64, payload: UnsafeRawBufferPointer)
    /// The position is exactly the end of the readable range.
    case end
    /// The bytes from `offset` to the end cannot hold the record that starts
    /// there (its header is incomplete or its length runs past the end).
    case incomplete(offset: Int64, reason: String)
    /// The record at `offset` is complete but its CRC does not match.
    case checksumMismatch(offset: Int64, reason: String)
}

/// Reads the records of one segment file sequentially, in large chunks.
///
/// One `pread` fills a multi-megabyte buffer with many records; records are
/// then decoded and checked in memory, and their payloads handed out as
/// pointers into the buffer. That keeps replay at one system call per few
/// megabytes and no allocation per record. A record larger than the buffer
/// grows the buffer to fit it.
///
/// Only bytes below `limit` are read: for a segment the writer is still
/// appending to, that is the durable end the reader was given, and bytes past
/// it may be a write in progress.
final class SegmentReader {
    /// The default buffer size: large enough that the per-read cost vanishes,
    /// small enough to keep per-reader memory modest.
    static let defaultChunkSize = 4 << 20

    private(set) var file: any StorageFile
    private(set) var limit: Int64
    /// File offset of the next record.
    private(set) var position: Int64

    private var buffer: UnsafeMutableRawBufferPointer
    /// File offset of `buffer[0]`.
    private var bufferStart: Int64
    /// Number of valid bytes in `buffer`.
    private var bufferCount: Int
    /// How much the next refill reads: starts small so a reader that wants
    /// one record does not read (or allocate) megabytes, and doubles up to
    /// `maxChunkSize` for a long replay. The buffer grows with it.
    private var readSize: Int
    private let maxChunkSize: Int

    init(file: any StorageFile, from position: Int64, limit: Int64, chunkSize: Int = SegmentReader.defaultChunkSize) {
        self.file = file
        self.limit = limit
        self.position = position
        maxChunkSize = max(chunkSize, SegmentReader.initialReadSize)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: SegmentReader.initialReadSize, alignment: 16)
        bufferStart = position
        bufferCount = 0
        readSize = SegmentReader.initialReadSize
    }

    /// The first refill's size.
    static let initialReadSize = 64 << 10

    /// Starts reading another file, keeping the buffer.
    func reset(file: any StorageFile, from position: Int64, limit: Int64) {
        self.file = file
        self.limit = limit
        self.position = position
        bufferStart = position
        bufferCount = 0
        readSize = SegmentReader.initialReadSize
    }

    deinit {
        buffer.deallocate()
    }

    /// Moves to `offset` (used after a resynchronisation).
    func seek(to offset: Int64) {
        position = offset
        if offset < bufferStart || offset > bufferStart + Int64(bufferCount) {
            bufferStart = offset
            bufferCount = 0
        }
    }

    /// Decodes the record at the current position and, if it is valid, moves
    /// past it.
    func next() throws(Errno) -> SegmentReadStep {
        let remaining = limit - position
        if remaining <= 0 { return .end }
        let headerSize = LogFormat.recordHeaderSize
        if remaining < Int64(headerSize) {
            return .incomplete(
                offset: position,
                reason: "incomplete record header (\(remaining) of \(headerSize) bytes before end of segment)"
            )
        }
        try ensureBuffered(headerSize)
        let raw = UnsafeRawBufferPointer(buffer)
        var local = Int(position - bufferStart)
        let header = RecordHeader(raw, at: local)
        let size = header.recordSize
        if Int64(size) > remaining {
            return .incomplete(
                offset: position,
                reason: "record length \(header.length) runs past end of segment (\(remaining - Int64(headerSize)) payload bytes present)"
            )
        }
        if local + size > bufferCount {
            try ensureBuffered(size)
            local = Int(position - bufferStart)
        }
        let bytes = UnsafeRawBufferPointer(buffer)
        let expected = RecordHeader.expectedChecksum(bytes, recordAt: local, length: header.length)
        if expected != header.crc {
            return .checksumMismatch(
                offset: position,
                reason: "record checksum mismatch (stored \(hex(header.crc)), computed \(hex(expected)), length \(header.length))"
            )
        }
        let offset = position
        position += Int64(size)
        let payloadStart = local + headerSize
        let payload = UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + header.length)])
        return .record(header, offset: offset, payload: payload)
    }

    /// Reads the bytes from the current position to the limit into memory, for
    /// the byte-by-byte search after a damaged record (an error path only).
    func remainingBytes() throws(Errno) -> [UInt8] {
        try SegmentFiles.readFully(file, count: Int(max(0, limit - position)), at: position)
    }

    /// Whether every byte from the current position to the limit is zero: the
    /// room the writer allocated ahead of its last record (`LogFormat`), not a
    /// damaged record. Called only where a record failed to read, so never on
    /// the path of a good record; reads from 4 KiB doubling to 1 MiB, so a damaged
    /// record with data after it (the verifier meets every one) costs one small read.
    func restIsZero() throws(Errno) -> Bool {
        var offset = position
        var chunk: Int64 = 4 << 10
        while offset < limit {
            let count = Int(min(limit - offset, chunk))
            let bytes = try SegmentFiles.readFully(file, count: count, at: offset)
            guard bytes.count == count, SegmentReader.isZero(bytes) else { return false }
            offset += Int64(count)
            chunk = min(chunk * 2, 1 << 20)
        }
        return true
    }

    /// Whether all of `bytes` are zero, a word at a time.
    static func isZero(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var index = 0
            while index + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) != 0 { return false }
                index += 8
            }
            while index < raw.count {
                if raw[index] != 0 { return false }
                index += 1
            }
            return true
        }
    }

    /// Makes sure `count` bytes starting at `position` are in the buffer
    /// (the caller checked they are below `limit`).
    private func ensureBuffered(_ count: Int) throws(Errno) {
        let have = bufferStart + Int64(bufferCount) - position
        if position >= bufferStart, have >= Int64(count) { return }
        // Keep the bytes from `position` on, move them to the front.
        var kept = 0
        if position >= bufferStart, have > 0 {
            kept = Int(have)
            let from = Int(position - bufferStart)
            if let base = buffer.baseAddress, from > 0 {
                memmove(base, base + from, kept)  // regions may overlap
            }
        }
        // Read a whole chunk (more than `count` when replaying), never past
        // the limit; grow the buffer when the chunk or the record needs it.
        let wanted = Int(min(Int64(max(count, readSize)), limit - position))
        if wanted > buffer.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: wanted, alignment: 16)
            if kept > 0, let target = grown.baseAddress, let source = buffer.baseAddress {
                target.copyMemory(from: source, byteCount: kept)
            }
            buffer.deallocate()
            buffer = grown
        }
        bufferStart = position
        bufferCount = kept
        readSize = min(readSize * 2, maxChunkSize)
        while bufferCount < count {
            let n = try file.read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[bufferCount..<wanted]),
                at: bufferStart + Int64(bufferCount)
            )
            if n == 0 {
                // The file is shorter than the limit we were given: it was
                // truncated behind our back.
                throw Errno.ioError
            }
            bufferCount += n
        }
    }
}

func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
