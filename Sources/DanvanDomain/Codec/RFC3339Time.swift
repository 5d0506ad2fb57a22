/// RFC 3339 times as clients write them (`2026-03-31T23:59:59+07:00`, `…T16:59:59.5Z`), read
/// into microseconds since the Unix epoch to compare with events' `recordedAt`.
///
/// Strict where a misreading would silently move a report's figures: a time without a zone
/// offset names a different moment in every zone, so it is refused with the forms to write,
/// never read as UTC or as the machine's zone.
public enum RFC3339Time {
    /// Why a text is not an RFC 3339 time, for a person.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// A date and time without `Z` or `±HH:MM`.
        case noOffset(String)
        /// Not the form at all (or a date or time that does not exist).
        case malformed
        /// A date outside `Day.years`.
        case outOfRange

        public var description: String {
            switch self {
            case .noOffset(let text):
                "it has no zone offset, so it names a different moment in every time zone; "
                    + "add Z for UTC or +07:00 for Vietnam (\(text)+07:00)"
            case .malformed:
                "it is not an RFC 3339 time like 2026-03-31T23:59:59+07:00"
            case .outOfRange:
                "its date is outside \(Day.years.lowerBound)-\(Day.years.upperBound)"
            }
        }
    }

    /// `YYYY-MM-DD` `T` (or `t`, or a space) `HH:MM:SS`, an optional fraction of 1–9 digits
    /// (cut to microseconds: a recordedAt is at or before the time exactly when it is at or
    /// before the time cut so), then `Z`/`z` or `+HH:MM`/`-HH:MM`.
    public static func parse(_ text: String) -> Result<Int64, Problem> {
        let b = Array(text.utf8)
        guard b.count >= 19 else { return .failure(.malformed) }
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var n = 0
            for i in r {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        let separator = b[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
            b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = digits(0..<4), let month = digits(5..<7), let dayOfMonth = digits(8..<10),
            let hour = digits(11..<13), let minute = digits(14..<16), let second = digits(17..<19),
            hour < 24, minute < 60, second < 60
        else { return .failure(.malformed) }
        guard Day.years.contains(year) else { return .failure(.outOfRange) }
        guard (1...12).contains(month), dayOfMonth >= 1, dayOfMonth <= Day.daysIn(month: month, year: year) else {
            return .failure(.malformed)
        }
        var i = 19
        var micros: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var count = 0
            var fraction: Int64 = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if count < 6 { fraction = fraction * 10 + Int64(b[i] - 0x30) }
                count += 1
                i += 1
            }
            guard (1...9).contains(count) else { return .failure(.malformed) }
            for _ in min(count, 6)..<6 { fraction *= 10 }
            micros = fraction
        }
        let offsetSeconds: Int
        if i == b.count {
            return .failure(.noOffset(String(decoding: b[0..<i], as: UTF8.self)))
        } else if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { return .failure(.malformed) }
            offsetSeconds = 0
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                let h = digits((i + 1)..<(i + 3)), let m = digits((i + 4)..<(i + 6)), h < 24, m < 60
            else { return .failure(.malformed) }
            offsetSeconds = (b[i] == UInt8(ascii: "+") ? 1 : -1) * (h * 3600 + m * 60)
        } else {
            return .failure(.malformed)
        }
        let day = Day(year: year, month: month, day: dayOfMonth)
        let local = Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return .success((local - Int64(offsetSeconds)) * 1_000_000 + micros)
    }
}
