/// One figure of one unit by day: the days it changed on, in order, and the change on each.
///
/// Kept per figure rather than per day so that a day stores only what happened on it (a
/// land donation touches 3 of 33 figures): at 10M events the day-level record is what
/// lets any from–to range be exact without a scan of events.
struct DayColumn: Sendable, Equatable {
    /// Days since 1970-01-01, ascending.
    var days: [Int32] = []
    /// The figure's change on `days[i]`.
    var values: [Int64] = []

    /// Adds `v` on `day`: appended when the day is the latest (the usual case), inserted otherwise.
    mutating func add(_ v: Int64, on day: Int32) {
        if let last = days.last, last >= day {
            let i = firstIndex(atOrAfter: day)
            if i < days.count, days[i] == day {
                values[i] += v
            } else {
                days.insert(day, at: i)
                values.insert(v, at: i)
            }
        } else {
            days.append(day)
            values.append(v)
        }
    }

    /// The sum over days `lo...hi`.
    func sum(_ lo: Int32, _ hi: Int32) -> Int64 {
        var i = firstIndex(atOrAfter: lo)
        var s: Int64 = 0
        while i < days.count, days[i] <= hi {
            s += values[i]
            i += 1
        }
        return s
    }

    /// The first position whose day is `day` or later.
    func firstIndex(atOrAfter day: Int32) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
