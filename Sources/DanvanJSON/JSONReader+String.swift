/// String literals: the parser's hottest path (every key is one).
///
/// A string is read in two passes. The first finds the closing quote eight bytes at a time,
/// stopping only at quotes, backslashes and control characters (checking each escape as it
/// goes) and noting whether any byte was non-ASCII. Strings without escapes, the vast majority,
/// are then created straight from the input, and the standard library's own UTF-8 validation
/// doubles as ours (see `UTF8Validation.string`). Strings with escapes are validated explicitly
/// and decoded by a second pass that writes straight into the new `String`'s storage.
///
/// Errors report the first problem in document order: before reporting a bad escape, control
/// character or missing quote, the bytes before it are checked for invalid UTF-8.
extension JSONReader {
    /// Parses the string literal whose opening quote is at `index`; leaves `index` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index &+ 1
        var position = start
        var hasEscapes = false
        var seen: UInt64 = 0  // the OR of all plain bytes, to tell whether any was non-ASCII
        while true {
            // Skip eight plain bytes at a time, or jump straight to the first byte that needs a
            // look. Only the input's last few bytes go through the byte loop unfiltered.
            if end &- position >= 8 {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                let mask = ByteMasks.stringSpecials(word)
                if mask == 0 {
                    seen |= word
                    position &+= 8
                    continue
                }
                let plainBits = mask.trailingZeroBitCount &- 7  // bits of the bytes before it
                seen |= word & ((1 &<< UInt64(plainBits)) &- 1)
                position &+= plainBits &>> 3
            }
            guard position < end else {
                throw firstError(JSONParseError(.unexpectedEnd, at: end), contentStart: start)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                do {
                    position = try checkEscape(at: position)
                } catch {
                    throw firstError(error, contentStart: start)
                }
            } else if byte < 0x20 {
                throw firstError(JSONParseError(.controlCharacterInString, at: position), contentStart: start)
            } else {
                seen |= UInt64(byte)
                position &+= 1
            }
        }
        index = position &+ 1
        let content = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
        if hasEscapes {
            if let bad = UTF8Validation.firstInvalidOffset(bytes, from: start, to: position) {
                throw JSONParseError(.invalidUTF8, at: bad)
            }
            return Self.decodeEscaped(content)
        }
        guard let string = UTF8Validation.string(content, mayBeNonASCII: seen & 0x8080_8080_8080_8080 != 0) else {
            let bad = UTF8Validation.firstInvalidOffset(bytes, from: start, to: position) ?? start
            throw JSONParseError(.invalidUTF8, at: bad)
        }
        return string
    }

    /// `error`, unless the string content before it holds invalid UTF-8, which came first.
    private func firstError(_ error: JSONParseError, contentStart: Int) -> JSONParseError {
        if let bad = UTF8Validation.firstInvalidOffset(bytes, from: contentStart, to: min(error.offset, end)) {
            return JSONParseError(.invalidUTF8, at: bad)
        }
        return error
    }

    /// Checks the escape whose backslash is at `position` and returns the offset just after it.
    ///
    /// A `\u` escape of a high surrogate must be followed at once by a `\u` escape of a low
    /// surrogate (the pair encodes one scalar); any other surrogate use is an error because no
    /// Swift `String`, and no well-formed UTF-8, can hold a lone surrogate.
    @inline(__always)
    private func checkEscape(at position: Int) throws(JSONParseError) -> Int {
        guard position &+ 1 < end else { throw JSONParseError(.unexpectedEnd, at: end) }
        switch bytes[position &+ 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return position &+ 2
        case UInt8(ascii: "u"):
            let unit = try hexQuad(at: position &+ 2, escapeAt: position)
            switch unit {
            case 0xD800...0xDBFF:
                let second = position &+ 6
                guard second < end else { throw JSONParseError(.unexpectedEnd, at: end) }
                guard bytes[second] == UInt8(ascii: "\\") else { throw JSONParseError(.invalidEscape, at: position) }
                guard second &+ 1 < end else { throw JSONParseError(.unexpectedEnd, at: end) }
                guard bytes[second &+ 1] == UInt8(ascii: "u") else { throw JSONParseError(.invalidEscape, at: position) }
                let low = try hexQuad(at: second &+ 2, escapeAt: second)
                guard low >= 0xDC00, low <= 0xDFFF else { throw JSONParseError(.invalidEscape, at: position) }
                return position &+ 12
            case 0xDC00...0xDFFF:
                throw JSONParseError(.invalidEscape, at: position)
            default:
                return position &+ 6
            }
        default:
            throw JSONParseError(.invalidEscape, at: position)
        }
    }

    /// The value of the four hex digits at `position`, for the `\u` escape at `escapeAt`.
    @inline(__always)
    private func hexQuad(at position: Int, escapeAt: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let digitPosition = position &+ offset
            guard digitPosition < end else { throw JSONParseError(.unexpectedEnd, at: end) }
            let digit = Self.hexDigitValue(bytes[digitPosition])
            guard digit < 16 else { throw JSONParseError(.invalidEscape, at: escapeAt) }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// 0...15 for a hex digit (either case), 0xFF for any other byte.
    @inline(__always)
    static func hexDigitValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte &- UInt8(ascii: "A") &+ 10
        default: return 0xFF
        }
    }

    /// Decodes string content already accepted by `parseString`'s first pass.
    ///
    /// Every escape decodes to no more bytes than it occupies (`\n` 2→1, `\u00e9` 6→2,
    /// `\uD83D\uDE00` 12→4), so the content's length is always enough capacity.
    private static func decodeEscaped(_ content: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: content.count) { output in
            let count = content.count
            var input = 0
            var written = 0
            while input < count {
                let byte = content[input]
                if byte != UInt8(ascii: "\\") {
                    output[written] = byte
                    written &+= 1
                    input &+= 1
                    continue
                }
                let kind = content[input &+ 1]
                input &+= 2
                let simple: UInt8
                switch kind {
                case UInt8(ascii: "b"): simple = 0x08
                case UInt8(ascii: "f"): simple = 0x0C
                case UInt8(ascii: "n"): simple = 0x0A
                case UInt8(ascii: "r"): simple = 0x0D
                case UInt8(ascii: "t"): simple = 0x09
                case UInt8(ascii: "u"):
                    var scalar = quad(content, at: input)
                    input &+= 4
                    if scalar >= 0xD800, scalar <= 0xDBFF {
                        let low = quad(content, at: input &+ 2)
                        input &+= 6
                        scalar = 0x10000 &+ ((scalar &- 0xD800) << 10) &+ (low &- 0xDC00)
                    }
                    written = writeUTF8(scalar, into: output, at: written)
                    continue
                default: simple = kind  // \" \\ \/
                }
                output[written] = simple
                written &+= 1
            }
            return written
        }
    }

    /// The four hex digits at `position`, known to be valid.
    @inline(__always)
    private static func quad(_ content: UnsafeRawBufferPointer, at position: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            value = value << 4 | UInt32(hexDigitValue(content[position &+ offset]) & 0x0F)
        }
        return value
    }

    /// Writes `scalar` (not a surrogate, at most U+10FFFF) as UTF-8; returns the new write offset.
    @inline(__always)
    private static func writeUTF8(
        _ scalar: UInt32, into output: UnsafeMutableBufferPointer<UInt8>, at offset: Int
    ) -> Int {
        switch scalar {
        case 0..<0x80:
            output[offset] = UInt8(truncatingIfNeeded: scalar)
            return offset &+ 1
        case 0x80..<0x800:
            output[offset] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
            output[offset &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return offset &+ 2
        case 0x800..<0x10000:
            output[offset] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
            output[offset &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            output[offset &+ 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return offset &+ 3
        default:
            output[offset] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
            output[offset &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
            output[offset &+ 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            output[offset &+ 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return offset &+ 4
        }
    }
}
