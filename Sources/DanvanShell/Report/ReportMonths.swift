import DanvanDomain

/// The months of a report's period, for its month-by-month table and lines: calendar months
/// cut to the period's days, or, for a period cut by Nghị định 09 (`decree09`), that decree's
/// months (the 15th of the month before to the 14th), which tile its periods exactly.
enum ReportMonths {
    /// A month: its label ("2023-05") and its days.
    struct Window: Sendable, Equatable {
        var label: String
        var from: String
        var to: String
    }

    /// The most months a report draws (a term of five years is drawn by its years' tables only).
    static let limit = 36

    /// The months of `period`; empty when it has an open side or more than `limit` months.
    static func windows(_ period: Report.Period) -> [Window] {
        guard let fromText = period.from, let toText = period.to, let from = Day(fromText), let to = Day(toText), from <= to else { return [] }
        let decree = period.cutoff == "decree09"
        var (y, m) = (Int(from.year), from.monthAndDay.month)
        if decree, from.monthAndDay.day >= 15 { (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1) }
        var out: [Window] = []
        while out.count <= limit {
            let start: Day, end: Day
            if decree {
                let (py, pm) = m == 1 ? (y - 1, 12) : (y, m - 1)
                start = Day(year: py, month: pm, day: 15)
                end = Day(year: y, month: m, day: 14)
            } else {
                start = Day(year: y, month: m, day: 1)
                let (ny, nm) = m == 12 ? (y + 1, 1) : (y, m + 1)
                end = Day(daysSinceEpoch: Day(year: ny, month: nm, day: 1).daysSinceEpoch - 1)
            }
            if start > to { break }
            let a = max(start, from), b = min(end, to)
            if a <= b { out.append(Window(label: "\(y)-\(m < 10 ? "0" : "")\(m)", from: a.description, to: b.description)) }
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        return out.count > limit ? [] : out
    }
}
