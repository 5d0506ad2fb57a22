/// Strict UTF-8 checks shared by the text parser and the binary decoder.
///
/// Both read bytes that came from outside (a socket, a file on disk), and both must hand out
/// only `String`s whose bytes were well-formed: `String(decoding:as:)` would silently repair
/// bad input with U+FFFD, which would turn a corrupt record into a different, valid-looking one.
enum UTF8Validation {
    /// The length (2...4) of the well-formed multi-byte sequence whose lead byte is at `index`,
    /// or 0 when the bytes there are not one (bad lead byte, bad or missing continuation byte,
    /// overlong form, encoded surrogate, or a code point above U+10FFFF).
    ///
    /// Follows table 3-7 of the Unicode Standard. `index` must be below `end`, `end` at most
    /// `bytes.count`, and the byte at `index` at least 0x80 (ASCII is the caller's fast path).
    @inline(__always)
    static func multiByteSequenceLength(
        _ bytes: UnsafeRawBufferPointer, at index: Int, end: Int
    ) -> Int {
        let lead = bytes[index]
        let available = end &- index
        switch lead {
        case 0xC2...0xDF:
            guard available >= 2, isContinuation(bytes[index &+ 1]) else { return 0 }
            return 2
        case 0xE0...0xEF:
            guard available >= 3 else { return 0 }
            let b1 = bytes[index &+ 1]
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
            guard b1 >= low, b1 <= high, isContinuation(bytes[index &+ 2]) else { return 0 }
            return 3
        case 0xF0...0xF4:
            guard available >= 4 else { return 0 }
            let b1 = bytes[index &+ 1]
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
            guard b1 >= low, b1 <= high,
                isContinuation(bytes[index &+ 2]), isContinuation(bytes[index &+ 3])
            else { return 0 }
            return 4
        default:
            return 0
        }
    }

    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The offset of the first byte of the first ill-formed sequence in `start..<end`, or nil
    /// when that range is entirely well-formed UTF-8.
    static func firstInvalidOffset(
        _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int
    ) -> Int? {
        var index = start
        while index < end {
            // Eight ASCII bytes at a time: most keys and values are ASCII.
            if end &- index >= 8 {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    index &+= 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                index &+= 1
                continue
            }
            let length = multiByteSequenceLength(bytes, at: index, end: end)
            if length == 0 { return index }
            index &+= length
        }
        return nil
    }

    /// A `String` holding `bytes`, or nil when they are not well-formed UTF-8.
    ///
    /// The standard library validates while creating a string but *repairs* bad input with
    /// U+FFFD instead of failing. Valid input comes back byte for byte and repaired input
    /// cannot, so comparing the result with the input turns that validation into a check, and
    /// the bytes are validated once. Pass `mayBeNonASCII: false` when the caller has already
    /// seen every byte below 0x80, which is valid by construction.
    ///
    /// `String(unsafeUninitializedCapacity:)` rather than `String(decoding:as:)`: short ASCII
    /// strings (most keys) then take the small-string path without any validation pass.
    @inline(__always)
    static func string(_ bytes: UnsafeRawBufferPointer, mayBeNonASCII: Bool = true) -> String? {
        let count = bytes.count
        let string = String(unsafeUninitializedCapacity: count) { buffer in
            guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return 0 }
            UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count)
            return count
        }
        if mayBeNonASCII, !string.withUTF8Bytes({ equal($0, bytes) }) { return nil }
        return string
    }

    /// Byte-wise equality of two buffers, eight bytes at a time.
    static func equal(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        let count = lhs.count
        guard count == rhs.count else { return false }
        var index = 0
        while count &- index >= 8 {
            guard lhs.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                == rhs.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            else { return false }
            index &+= 8
        }
        while index < count {
            guard lhs[index] == rhs[index] else { return false }
            index &+= 1
        }
        return true
    }
}
