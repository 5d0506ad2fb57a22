/// Word-at-a-time byte tests shared by the parser and the writer.
///
/// JSON strings are mostly runs of bytes that need no attention; testing eight of them per
/// step (SWAR: SIMD within a register) instead of one is what keeps string scanning and
/// escaping off the top of the profile.
enum ByteMasks {
    /// A mask whose lowest set bit is the high bit of the first byte (in memory order, for a
    /// `word` loaded little-endian) that is a quote, a backslash or a control character below
    /// 0x20; zero when there is none. Bytes from 0x80 up are not flagged.
    ///
    /// Classic tests: `(x - 0x01…) & ~x & 0x80…` flags zero bytes (applied to `x ^ 0x22…` and
    /// `x ^ 0x5C…`) and `(x - 0x20…) & ~x & 0x80…` flags bytes below 0x20. Borrows can set
    /// bits above a flagged byte, never below it, so the lowest set bit is exact, which is all
    /// callers use.
    @inline(__always)
    static func stringSpecials(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        let control = (word &- ones &* 0x20) & ~word
        return (quote | backslash | control) & 0x8080_8080_8080_8080
    }
}
