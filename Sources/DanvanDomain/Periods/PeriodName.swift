/// A reporting period by the name reports give it: a year, a half (`H1`, `H2`), a quarter,
/// the first nine months (`9M`, "9 tháng"), a month, or a term of whole years
/// (`2020..2025`, "nhiệm kỳ 2020–2025").
public enum PeriodName: Sendable, Hashable, CustomStringConvertible {
    /// A whole year.
    case year(Int)
    /// January–June (1) or July–December (2).
    case half(Int, Int)
    /// A quarter, 1 to 4.
    case quarter(Int, Int)
    /// January to September: the nine-month review.
    case nineMonths(Int)
    /// A month, 1 to 12.
    case month(Int, Int)
    /// Whole years from the first to the last, both included.
    case term(Int, Int)

    /// The forms accepted, for error messages.
    public static let forms = "YYYY (2023), YYYY-H1 or -H2 (six months), YYYY-Q1 to -Q4, YYYY-9M (nine months), YYYY-MM (a month, 2023-05), or YYYY..YYYY (whole years, a term: 2020..2025)"

    /// Parses the text form strictly; nil for anything else (`2023-5`, `Q2-2023`, `2020-2025`).
    public init?(_ text: String) {
        let b = Array(text.utf8)
        func number(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count, !r.isEmpty else { return nil }
            var n = 0
            for i in r {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard b.count >= 4, let year = number(0..<4), Day.years.contains(year) else { return nil }
        if b.count == 4 {
            self = .year(year)
            return
        }
        if b.count == 10, b[4] == UInt8(ascii: "."), b[5] == UInt8(ascii: "."), let last = number(6..<10), Day.years.contains(last), last >= year {
            self = .term(year, last)
            return
        }
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        let tag = b[5] | 0x20  // ASCII lowercase: h1 and H1 are one name
        if let digit = number(6..<7) {
            switch tag {
            case UInt8(ascii: "h") where (1...2).contains(digit): self = .half(year, digit); return
            case UInt8(ascii: "q") where (1...4).contains(digit): self = .quarter(year, digit); return
            default: break
            }
        }
        if b[5] == UInt8(ascii: "9"), b[6] | 0x20 == UInt8(ascii: "m") {
            self = .nineMonths(year)
            return
        }
        if let month = number(5..<7), (1...12).contains(month) {
            self = .month(year, month)
            return
        }
        return nil
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch self {
        case .year(let y): return "\(y)"
        case .half(let y, let h): return "\(y)-H\(h)"
        case .quarter(let y, let q): return "\(y)-Q\(q)"
        case .nineMonths(let y): return "\(y)-9M"
        case .month(let y, let m): return "\(y)-\(two(m))"
        case .term(let a, let b): return "\(a)..\(b)"
        }
    }

    /// First and last month as (year, month), both included.
    var months: (first: (Int, Int), last: (Int, Int)) {
        switch self {
        case .year(let y): return ((y, 1), (y, 12))
        case .half(let y, let h): return ((y, 6 * h - 5), (y, 6 * h))
        case .quarter(let y, let q): return ((y, 3 * q - 2), (y, 3 * q))
        case .nineMonths(let y): return ((y, 1), (y, 9))
        case .month(let y, let m): return ((y, m), (y, m))
        case .term(let a, let b): return ((a, 1), (b, 12))
        }
    }

    /// The first and last day, cut by `cutoff`. Under `decree09` a period that starts in
    /// January 1900 would start in December 1899, outside `Day.years`: it starts open (nil).
    public func days(cutoff: ReportingCutoff) -> (Day?, Day?) {
        let (first, last) = months
        switch cutoff {
        case .calendar:
            return (Day(year: first.0, month: first.1, day: 1),
                    Day(year: last.0, month: last.1, day: Day.daysIn(month: last.1, year: last.0)))
        case .decree09:
            let (py, pm) = first.1 == 1 ? (first.0 - 1, 12) : (first.0, first.1 - 1)
            let from = Day.years.contains(py) ? Day(year: py, month: pm, day: 15) : nil
            return (from, Day(year: last.0, month: last.1, day: 14))
        }
    }
}
