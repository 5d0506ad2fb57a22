import DanvanDomain
import Foundation
import Synchronization

/// Which day a moment falls on in the province's time zone: the `today` of open opinions'
/// ages, and the day no new event's own date may pass (`Registry.checkAdmission`).
///
/// A province's day, not the machine's: a server kept in UTC would otherwise refuse a fact of
/// the morning of 8 May in Hà Nội until 07:00. The zone is the configuration's `time_zone`
/// (`Asia/Ho_Chi_Minh` by default: all of Vietnam is UTC+7 without summer time).
///
/// The day and its bounds are cached, so asking costs a clock read and a comparison except
/// once a day (every append asks; an import asks for every line's `recordedAt`).
public final class ProvinceCalendar: Sendable {
    /// The zone's IANA name, for messages and `status`.
    public let identifier: String
    private let calendar: Calendar
    private let cached: Mutex<(start: Int64, end: Int64, day: Day)?> = Mutex(nil)

    /// The default zone of danvan's provinces.
    public static let defaultIdentifier = "Asia/Ho_Chi_Minh"

    /// The calendar of the IANA time zone `identifier`; nil when the system knows no such zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        self.identifier = identifier
    }

    /// The calendar of `Asia/Ho_Chi_Minh`, or of UTC+7 where the system has no zone data.
    public static func vietnam() -> ProvinceCalendar {
        ProvinceCalendar(identifier: defaultIdentifier) ?? ProvinceCalendar(fixedOffsetHours: 7)
    }

    private init(fixedOffsetHours: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: fixedOffsetHours * 3600) ?? calendar.timeZone
        self.calendar = calendar
        self.identifier = "UTC+\(fixedOffsetHours)"
    }

    /// Today in the province.
    public func today() -> Day { day(atMicros: Clock.nowMicros()) }

    /// The last microsecond of `day` in the province (the start of the next day there, less
    /// 1 µs): what a date means as an `asOf` ("as of 31/03/2026": everything recorded that day
    /// included, whatever the hour).
    public func endMicros(of day: Day) -> Int64 {
        let (month, dayOfMonth) = day.monthAndDay
        let next = DateComponents(year: Int(day.year), month: month, day: dayOfMonth + 1)
        guard let start = calendar.date(from: next) else {
            // Not reached for a Gregorian calendar; UTC+7 is every Vietnamese zone.
            return (Int64(day.daysSinceEpoch) + 1) * 86_400_000_000 - 7 * 3_600_000_000 - 1
        }
        return Int64((start.timeIntervalSince1970 * 1_000_000).rounded()) - 1
    }

    /// The day of the moment `micros` (microseconds since the Unix epoch) in the province.
    public func day(atMicros micros: Int64) -> Day {
        if let c = cached.withLock({ $0 }), c.start <= micros, micros < c.end { return c.day }
        let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let day = Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        if let interval = calendar.dateInterval(of: .day, for: date) {
            let start = Int64((interval.start.timeIntervalSince1970 * 1_000_000).rounded())
            let end = Int64((interval.end.timeIntervalSince1970 * 1_000_000).rounded())
            if start <= micros, micros < end { cached.withLock { $0 = (start, end, day) } }
        }
        return day
    }
}
