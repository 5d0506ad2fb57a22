/// Strict UTF-8 well-formedness for the text the binary codec reads back.
///
/// `String(decoding:as:)` would silently repair bad bytes with U+FFFD, turning a damaged
/// record into a different, valid-looking one, so the decoder checks first; and the
/// standard library's `String(validating:as:)` looks up generic metadata on every call,
/// which made it the decoder's single most expensive step. Runs of ASCII (codes, most of
/// the Vietnamese letters' neighbours) are checked eight bytes at a time.
enum UTF8Check {
    /// Whether the `count` bytes at `start` are well-formed UTF-8 (table 3-7 of the Unicode
    /// Standard: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence).
    static func isValid(_ start: UnsafeRawPointer, count: Int) -> Bool {
        var i = 0
        while true {
            while count &- i >= 8 {
                let word = start.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i &+= 8
            }
            guard i < count else { return true }
            let lead = start.load(fromByteOffset: i, as: UInt8.self)
            if lead < 0x80 {
                i &+= 1
                continue
            }
            let available = count &- i
            @inline(__always) func at(_ k: Int) -> UInt8 { start.load(fromByteOffset: i &+ k, as: UInt8.self) }
            @inline(__always) func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
            switch lead {
            case 0xC2...0xDF:
                guard available >= 2, isContinuation(at(1)) else { return false }
                i &+= 2
            case 0xE0...0xEF:
                guard available >= 3 else { return false }
                let b1 = at(1)
                let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard b1 >= low, b1 <= high, isContinuation(at(2)) else { return false }
                i &+= 3
            case 0xF0...0xF4:
                guard available >= 4 else { return false }
                let b1 = at(1)
                let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard b1 >= low, b1 <= high, isContinuation(at(2)), isContinuation(at(3)) else { return false }
                i &+= 4
            default:
                return false
            }
        }
    }
}
