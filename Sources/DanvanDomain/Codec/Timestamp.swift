/// Record times: microseconds since the Unix epoch, shown as ISO 8601 UTC.
public enum Timestamp {
    /// `2024-03-05T08:09:10.123456Z`.
    public static func iso8601(micros: Int64) -> String {
        let perDay: Int64 = 86_400_000_000
        var days = micros / perDay
        var rest = micros % perDay
        if rest < 0 { rest += perDay; days -= 1 }
        let day = Day(daysSinceEpoch: Int32(truncatingIfNeeded: days))
        let seconds = rest / 1_000_000
        let fraction = rest % 1_000_000
        func pad(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(day)T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(fraction, 6))Z"
    }

    /// Parses what `iso8601` writes (fraction optional, 1–9 digits, `Z` required).
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[10] == UInt8(ascii: "T"), b.last == UInt8(ascii: "Z"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let day = Day(String(decoding: b[0..<10], as: UTF8.self))
        else { return nil }
        func num(_ r: Range<Int>) -> Int64? {
            var n: Int64 = 0
            for i in r {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                n = n * 10 + Int64(b[i] - 0x30)
            }
            return n
        }
        guard let h = num(11..<13), let m = num(14..<16), let s = num(17..<19), h < 24, m < 60, s < 60 else { return nil }
        var micros: Int64 = 0
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count - 21 >= 1, b.count - 21 <= 9, let f = num(20..<(b.count - 1)) else { return nil }
            var frac = f
            var digits = b.count - 21
            while digits < 6 { frac *= 10; digits += 1 }
            while digits > 6 { frac /= 10; digits -= 1 }
            micros = frac
        } else {
            guard b.count == 20 else { return nil }
        }
        return (Int64(day.daysSinceEpoch) * 86_400 + h * 3600 + m * 60 + s) * 1_000_000 + micros
    }
}
