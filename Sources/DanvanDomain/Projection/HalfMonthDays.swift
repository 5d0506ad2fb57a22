/// The day-by-day changes inside one half-month of one unit's `FigureSeries`: only the two
/// half-months at the edges of an arbitrary from–to range are read from here.
///
/// A half-month has at most 17 days (15 to 31) and 33 figures, and most days touch a few figures, so
/// the entries are kept unsorted in two small arrays and found by a linear scan: adding an
/// event never moves more than the half-month's own entries, whatever the order events
/// arrive in (a history imported out of date order cost a memmove of the whole day record
/// per event when days were kept in one sorted column per figure).
struct HalfMonthDays: Sendable, Equatable {
    /// `day << 6 | figure` (day of the half-month from 0, figure as `Totals.field`).
    var keys: [UInt16] = []
    /// The change of `keys[i]`'s figure on its day.
    var values: [Int64] = []

    /// Adds `v` to `figure` on `day` (0-based day of the half-month).
    mutating func add(_ v: Int64, figure: Int, day: Int) {
        let key = UInt16(day << 6 | figure)
        if let i = keys.firstIndex(of: key) {
            values[i] += v
        } else {
            keys.append(key)
            values.append(v)
        }
    }

    /// Adds to `acc` every figure's changes on days `lo...hi` (0-based days of the half-month).
    func addDays(_ lo: Int, _ hi: Int, into acc: UnsafeMutableBufferPointer<Int64>) {
        for (i, key) in keys.enumerated() {
            let day = Int(key >> 6)
            if day >= lo, day <= hi { acc[Int(key & 63)] += values[i] }
        }
    }
}
