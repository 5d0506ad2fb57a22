/// Why a record payload's bytes do not decode, and where: the low-level failure that
/// `EventPayloadCodec.decode` turns into an `EventCodecError` naming the record.
///
/// A `StaticString` reason and an offset keep throwing free of allocation, so the decoder's
/// error path costs nothing until a damaged record is actually found.
struct PayloadError: Error {
    /// What is wrong.
    let reason: StaticString
    /// Byte offset in the payload where the problem was found.
    let offset: Int

    init(_ reason: StaticString, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }
}

/// A bounds-checked cursor over one record payload, for the binary codec.
///
/// Every read checks the bytes that remain before touching them and throws `PayloadError`
/// rather than trapping, so that any byte string (a damaged record that still passed the
/// CRC, a payload from a newer danvan) is refused instead of crashing replay. Lengths and
/// counts are checked against the remaining bytes before anything is allocated for them.
///
/// It reads through a raw pointer rather than subscripting the buffer: each access is
/// already guarded by an explicit `offset`/`end` check, and the buffer's own (debug-only)
/// checks would only repeat them.
struct PayloadReader {
    private let base: UnsafeRawPointer
    /// Offset of the next byte to read.
    private(set) var offset: Int
    /// One past the last readable byte.
    let end: Int

    /// A reader of `bytes` from its start.
    init(_ bytes: UnsafeRawBufferPointer) {
        // An empty buffer may have no address; any non-null one will do since nothing is read.
        base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        offset = 0
        end = bytes.count
    }

    /// Bytes not read yet.
    var remaining: Int { end &- offset }

    /// Throws unless every byte has been read: trailing bytes mean a damaged or foreign payload.
    func expectEnd() throws(PayloadError) {
        guard offset == end else { throw PayloadError("trailing bytes after the event", at: offset) }
    }

    /// The bytes from `offset` to the end, consuming them.
    mutating func rest() -> UnsafeRawBufferPointer {
        let bytes = UnsafeRawBufferPointer(start: base + offset, count: end &- offset)
        offset = end
        return bytes
    }

    // MARK: - Fixed width

    @inline(__always)
    mutating func u8() throws(PayloadError) -> UInt8 {
        guard offset < end else { throw PayloadError("truncated", at: offset) }
        let b = base.load(fromByteOffset: offset, as: UInt8.self)
        offset &+= 1
        return b
    }

    @inline(__always)
    private mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws(PayloadError) -> T {
        let size = MemoryLayout<T>.size
        guard end &- offset >= size else { throw PayloadError("truncated", at: offset) }
        let v = base.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset &+= size
        return v
    }

    /// A big-endian `UInt64` (event ids keep the byte order of their text form).
    mutating func u64BE() throws(PayloadError) -> UInt64 { UInt64(bigEndian: try fixed(UInt64.self)) }
    /// A little-endian `UInt64`.
    mutating func u64LE() throws(PayloadError) -> UInt64 { UInt64(littleEndian: try fixed(UInt64.self)) }
    /// A little-endian `UInt32`.
    mutating func u32LE() throws(PayloadError) -> UInt32 { UInt32(littleEndian: try fixed(UInt32.self)) }

    // MARK: - Varints

    /// An unsigned LEB128 varint of at most ten bytes, in its shortest form: a padded form
    /// (a final `0x00` byte after others) is refused so that every value has one encoding.
    @inline(__always)
    mutating func varint() throws(PayloadError) -> UInt64 {
        let start = offset
        var i = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard i < end else { throw PayloadError("truncated", at: i) }
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            i &+= 1
            if b < 0x80 {
                if shift != 0 {
                    guard b != 0 else { throw PayloadError("varint not in its shortest form", at: start) }
                    guard shift < 63 || b == 1 else { throw PayloadError("varint overflows 64 bits", at: start) }
                }
                offset = i
                return result | UInt64(b) &<< shift
            }
            result |= UInt64(b & 0x7F) &<< shift
            shift &+= 7
            guard shift < 64 else { throw PayloadError("varint overflows 64 bits", at: start) }
        }
    }

    /// A zigzag varint: small magnitudes of either sign take few bytes.
    @inline(__always)
    mutating func zigzag() throws(PayloadError) -> Int64 {
        let z = try varint()
        return Int64(bitPattern: (z &>> 1) ^ (0 &- (z & 1)))
    }

    /// A varint length or count that must be at most `limit` and, with each item taking at
    /// least `minimumSize` bytes, fit in what remains: checked before anything is allocated.
    @inline(__always)
    mutating func count(max limit: Int, minimumSize: Int) throws(PayloadError) -> Int {
        let at = offset
        let n = try varint()
        guard n <= UInt64(limit), n <= UInt64(remaining / minimumSize) else {
            throw PayloadError("length or count beyond the payload or its limit", at: at)
        }
        return Int(truncatingIfNeeded: n)
    }

    // MARK: - Text

    /// A string of any UTF-8 (possibly empty): the envelope's user and stream names.
    mutating func string() throws(PayloadError) -> String {
        let at = offset
        let n = try count(max: Int.max, minimumSize: 1)
        return try utf8(n, at: at)
    }

    /// A non-empty text field. Text was trimmed, NFC-normalised and length-checked when
    /// it was appended; here only what the bytes themselves can get wrong is checked.
    mutating func text() throws(PayloadError) -> String {
        let at = offset
        let n = try count(max: Int.max, minimumSize: 1)
        guard n > 0 else { throw PayloadError("empty text", at: at) }
        return try utf8(n, at: at)
    }

    @inline(__always)
    private mutating func utf8(_ n: Int, at: Int) throws(PayloadError) -> String {
        let start = base + offset
        guard UTF8Check.isValid(start, count: n) else { throw PayloadError("text is not valid UTF-8", at: at) }
        offset &+= n
        return String(decoding: UnsafeRawBufferPointer(start: start, count: n), as: UTF8.self)
    }

    /// An identifier (unit code, campaign, dialogue, opinion or model id): 1–64 bytes of
    /// `[A-Za-z0-9._-]`, the same rule as `Identifier.isValid`. Being ASCII, the bytes need
    /// no further UTF-8 validation; ids of up to 15 bytes become small strings, without
    /// any allocation.
    mutating func code() throws(PayloadError) -> String {
        let at = offset
        let n = try count(max: 64, minimumSize: 1)
        guard n > 0 else { throw PayloadError("empty identifier", at: at) }
        let start = base + offset
        var i = 0
        while i < n {
            guard Self.isIdentifierByte(start.load(fromByteOffset: i, as: UInt8.self)) else {
                throw PayloadError("identifier holds a character outside [A-Za-z0-9._-]", at: at)
            }
            i &+= 1
        }
        offset &+= n
        return String(decoding: UnsafeRawBufferPointer(start: start, count: n), as: UTF8.self)
    }

    /// `[A-Za-z0-9._-]` as a 128-bit set: bit `c` is set for each allowed ASCII byte `c`.
    @inline(__always)
    static func isIdentifierByte(_ c: UInt8) -> Bool {
        // '-' 0x2D, '.' 0x2E, '0'...'9' 0x30...0x39 in the low word;
        // 'A'...'Z' 0x41...0x5A, '_' 0x5F, 'a'...'z' 0x61...0x7A in the high word.
        let low: UInt64 = 0x03FF_6000_0000_0000
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
        guard c < 128 else { return false }
        let word = c < 64 ? low : high
        return (word &>> UInt64(c & 63)) & 1 == 1
    }
}
