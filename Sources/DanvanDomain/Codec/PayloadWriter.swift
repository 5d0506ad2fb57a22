/// Appends the primitives of the binary record payload (see `EventPayloadCodec`) to a byte
/// buffer: the exact inverse of `PayloadReader`.
///
/// It takes over the caller's array for the duration of the encoding (`init(taking:)` and
/// `finish()`), so appends go to a uniquely referenced buffer and nothing is copied.
struct PayloadWriter {
    private(set) var bytes: [UInt8]

    /// Takes `out`'s storage, leaving it empty until `finish()` hands it back.
    init(taking out: inout [UInt8]) {
        bytes = out
        out = []
    }

    /// The buffer, with everything written appended.
    consuming func finish() -> [UInt8] { bytes }

    @inline(__always)
    mutating func u8(_ v: UInt8) { bytes.append(v) }

    /// A big-endian `UInt64`.
    mutating func u64BE(_ v: UInt64) { withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) } }
    /// A little-endian `UInt64`.
    mutating func u64LE(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    /// A little-endian `UInt32`.
    mutating func u32LE(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    /// An unsigned LEB128 varint, shortest form.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest &>>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// A zigzag varint (0, −1, 1, −2, … → 0, 1, 2, 3, …).
    mutating func zigzag(_ value: Int64) {
        varint(UInt64(bitPattern: (value &<< 1) ^ (value &>> 63)))
    }

    /// Varint byte length, then the UTF-8 bytes: text, identifiers, user and stream names.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
}
