/// The days a figure covers: from `from` to `to`, both included, either side open.
///
/// An event belongs to a period by its own date (the day land was donated, a dialogue
/// held), never by when it was recorded. A period is asked for by name (`2023-Q2`, cut by a
/// `ReportingCutoff`) or by its two dates; either way the answer echoes the exact days.
public struct Period: Sendable, Hashable {
    /// First day included; nil when the period has no start.
    public var from: Day?
    /// Last day included; nil when the period has no end.
    public var to: Day?
    /// The name it was asked by, nil for explicit dates.
    public var name: PeriodName?
    /// How the name was cut into days (nil for explicit dates).
    public var cutoff: ReportingCutoff?

    /// A period of explicit dates.
    public init(from: Day?, to: Day?) {
        self.from = from
        self.to = to
    }

    /// A named period cut by `cutoff`.
    public init(_ name: PeriodName, cutoff: ReportingCutoff) {
        let (from, to) = name.days(cutoff: cutoff)
        self.from = from
        self.to = to
        self.name = name
        self.cutoff = cutoff
    }

    /// Whether `day` lies in the period.
    public func contains(_ day: Day) -> Bool {
        if let from, day < from { return false }
        if let to, day > to { return false }
        return true
    }

    /// The calendar year this period is exactly, if it is one asked as a year: answers keep
    /// their `year` member for it.
    public var calendarYear: Int? {
        guard case .year(let y)? = name, cutoff == .calendar else { return nil }
        return y
    }
}
