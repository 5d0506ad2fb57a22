/// Half-months, the grain of `FigureSeries`: days 1–14 and 15 to the end of each month.
///
/// Every period a report asks for is a union of them, calendar or cut on the 14th
/// (Nghị định 09/2019: 15 May–14 June), so a month, quarter, year or term is a sum of whole
/// half-months; only arbitrary dates need days at their two edges.
enum HalfMonth {
    /// The half-month `day` lies in: 24 a year, counted from year 0.
    static func index(_ day: Day) -> Int32 { place(day).index }

    /// The half-month `day` lies in and its day within it (from 0).
    static func place(_ day: Day) -> (index: Int32, dayOfHalf: Int) {
        let (m, d) = day.monthAndDay
        let second = d >= 15
        return (Int32(day.year) * 24 + Int32(m - 1) * 2 + (second ? 1 : 0), second ? d - 15 : d - 1)
    }

    /// The first and last day of half-month `h`.
    static func days(_ h: Int32) -> (first: Day, last: Day) {
        let year = Int(h / 24)
        let month = Int(h % 24) / 2 + 1
        if h % 2 == 0 {
            return (Day(year: year, month: month, day: 1), Day(year: year, month: month, day: 14))
        }
        return (Day(year: year, month: month, day: 15), Day(year: year, month: month, day: Day.daysIn(month: month, year: year)))
    }
}
