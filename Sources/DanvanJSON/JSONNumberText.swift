/// Reading JSON number texts without going through `Double`.
///
/// `JSONValue.number` keeps the text as written so that quantities are never rounded; this is
/// where that text is checked and turned into an exact integer when the domain asks for one.
/// A `Double` detour would make `9007199254740993` silently become `...992`, and would accept
/// `1.5` as an identifier after truncation, so everything here is exact or nil.
public enum JSONNumberText {
    /// Whether `text` is a number by the JSON grammar (RFC 8259 section 6):
    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, nothing before or after.
    ///
    /// Values built by hand (`JSONValue.number(...)`) can hold any text; writers and encoders
    /// use this to keep whatever they emit valid JSON.
    public static func isValid(_ text: String) -> Bool {
        text.withUTF8Bytes { isValid($0) }
    }

    /// The exact value of a JSON number text as an `Int64`, or nil when the text is not a valid
    /// number, its value is not an integer, or it does not fit.
    ///
    /// Integral values written in other forms are accepted because they are the same number
    /// (`"1.0"`, `"1.2e1"`, `"-0"`, `"1200e-2"`); `"1.5"` and `"1e30"` give nil rather than a
    /// truncated or saturated value, so a caller can reject them instead of storing a wrong one.
    public static func exactInt64(_ text: String) -> Int64? {
        text.withUTF8Bytes { exactInt64($0) }
    }

    // MARK: - Byte-level implementation

    /// The outcome of `scan`: where a grammatical number ends, or where it stops being one.
    enum ScanResult {
        case number(end: Int)
        case invalid(at: Int)
    }

    /// Scans the longest prefix of `bytes[start..<end]` that can form a JSON number.
    ///
    /// Returns `.invalid(at:)` with the offset of the first byte that breaks the grammar (the
    /// offset `end` when the input stops too early, as in `"1."`). Bytes after a complete number
    /// are not looked at; the parser decides what may follow.
    @inline(__always)
    static func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, end: Int) -> ScanResult {
        var index = start
        if index < end, bytes[index] == UInt8(ascii: "-") { index &+= 1 }
        guard index < end else { return .invalid(at: index) }
        let first = bytes[index]
        if first == UInt8(ascii: "0") {
            index &+= 1
        } else if first >= UInt8(ascii: "1"), first <= UInt8(ascii: "9") {
            index &+= 1
            while index < end, isDigit(bytes[index]) { index &+= 1 }
        } else {
            return .invalid(at: index)
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index &+= 1
            guard index < end, isDigit(bytes[index]) else { return .invalid(at: index) }
            while index < end, isDigit(bytes[index]) { index &+= 1 }
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index &+= 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index &+= 1
            }
            guard index < end, isDigit(bytes[index]) else { return .invalid(at: index) }
            while index < end, isDigit(bytes[index]) { index &+= 1 }
        }
        return .number(end: index)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Whether all of `bytes` is one JSON number.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if case .number(let end) = scan(bytes, from: 0, end: bytes.count) {
            return end == bytes.count
        }
        return false
    }

    /// See `exactInt64(_: String)`.
    static func exactInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard isValid(bytes) else { return nil }
        let count = bytes.count
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }

        // Locate the integer digits, the fraction digits and the exponent.
        let integerStart = index
        while index < count, isDigit(bytes[index]) { index &+= 1 }
        let integerEnd = index
        var fractionStart = index
        var fractionEnd = index
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index &+= 1
            fractionStart = index
            while index < count, isDigit(bytes[index]) { index &+= 1 }
            fractionEnd = index
        }
        // Saturating: any exponent this large already decides the answer (overflow, or a
        // fraction no text can compensate for, since texts are far shorter than 2^58 bytes).
        // Stopping below 2^58 keeps `exponent * 10 + 9` and the scale arithmetic below in range.
        let exponentLimit = 1 << 58
        var exponent = 0
        if index < count {  // [eE][+-]?digits, already checked by isValid
            index &+= 1
            var exponentNegative = false
            if bytes[index] == UInt8(ascii: "-") {
                exponentNegative = true
                index &+= 1
            } else if bytes[index] == UInt8(ascii: "+") {
                index &+= 1
            }
            while index < count {
                if exponent < exponentLimit {
                    exponent = exponent &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0"))
                }
                index &+= 1
            }
            if exponentNegative { exponent = -exponent }
        }

        // The digits as one sequence (integer part then fraction part), without the dot.
        let integerLength = integerEnd &- integerStart
        let fractionLength = fractionEnd &- fractionStart
        let digitCount = integerLength &+ fractionLength
        @inline(__always) func digit(_ position: Int) -> UInt8 {
            let offset = position < integerLength
                ? integerStart &+ position : fractionStart &+ (position &- integerLength)
            return bytes[offset] &- UInt8(ascii: "0")
        }
        var first = 0
        while first < digitCount, digit(first) == 0 { first &+= 1 }
        if first == digitCount { return 0 }  // all zeros: "-0", "0.000e7", ...
        var last = digitCount &- 1
        while digit(last) == 0 { last &-= 1 }

        // value = significant digits × 10^scale
        let significantCount = last &- first &+ 1
        let scale = exponent &- fractionLength &+ (digitCount &- 1 &- last)
        guard scale >= 0 else { return nil }  // the last non-zero digit is after the point
        guard significantCount &+ scale <= 19 else { return nil }  // at least 10^19 > Int64.max

        var magnitude: UInt64 = 0
        for position in first...last {
            magnitude = magnitude &* 10 &+ UInt64(digit(position))  // < 10^19, cannot overflow
        }
        for _ in 0..<scale { magnitude &*= 10 }  // total digits stay <= 19
        if negative {
            guard magnitude <= UInt64(Int64.max) &+ 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The value of `bytes` when they are an integer in its one canonical spelling,
    /// `-?[1-9][0-9]*` or `0`, and it fits in `Int64`; nil otherwise (`-0`, `01`, `1.0`, `1e2`).
    ///
    /// `JSONBinary` stores only these as varints, because `String(value)` gives back exactly
    /// the same text and the round trip stays byte-exact.
    static func canonicalInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count > 0, count <= 20 else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < count else { return nil }
        let lead = bytes[index]
        if lead == UInt8(ascii: "0") { return count == 1 ? 0 : nil }
        guard isDigit(lead) else { return nil }
        var magnitude: UInt64 = 0
        while index < count {
            let byte = bytes[index]
            guard isDigit(byte) else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index &+= 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) &+ 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}
