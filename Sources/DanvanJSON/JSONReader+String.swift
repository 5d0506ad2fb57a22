/// String literals: the parser's hottest path (every key is one).
///
/// A string is read in two passes over its bytes. The first finds the closing quote and checks
/// everything (UTF-8, control characters, escapes, surrogate pairs), so errors are reported at
/// the first bad byte. Strings without escapes, the vast majority, are then created straight
/// from the input; the others are decoded by a second pass that writes into the new `String`'s
/// own storage, which is never larger than the escaped text.
extension JSONReader {
    /// Parses the string literal whose opening quote is at `index`; leaves `index` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index &+ 1
        var position = start
        var hasEscapes = false
        while true {
            // Eight bytes at a time: skip plain bytes, then jump straight to the first byte that
            // needs a look (quote, backslash, control or non-ASCII). Only the last few bytes of
            // the input go through the byte loop unfiltered.
            if end &- position >= 8 {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                let mask = Self.attentionMask(word)
                if mask == 0 {
                    position &+= 8
                    continue
                }
                position &+= mask.trailingZeroBitCount &>> 3
            }
            guard position < end else { throw JSONParseError(.unexpectedEnd, at: end) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                position = try checkEscape(at: position)
            } else if byte < 0x20 {
                throw JSONParseError(.controlCharacterInString, at: position)
            } else if byte < 0x80 {
                position &+= 1
            } else {
                let length = UTF8Validation.multiByteSequenceLength(bytes, at: position, end: end)
                guard length != 0 else { throw JSONParseError(.invalidUTF8, at: position) }
                position &+= length
            }
        }
        index = position &+ 1
        let content = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
        if !hasEscapes {
            return String(decoding: content, as: UTF8.self)
        }
        return Self.decodeEscaped(content)
    }

    /// A mask whose lowest set bit is the high bit of the first byte (in memory order, with
    /// `word` loaded little-endian) that is a quote, a backslash, below 0x20 or above 0x7F;
    /// zero when there is none.
    ///
    /// Classic SWAR tests: `(x - 0x01…) & ~x & 0x80…` flags zero bytes and
    /// `(x - 0x20…) & ~x & 0x80…` bytes below 0x20. Borrows can set bits above a flagged byte,
    /// never below it, so the lowest set bit is exact, which is all the caller uses.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        let control = (word &- ones &* 0x20) & ~word
        return (quote | backslash | control | word) & highs
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
