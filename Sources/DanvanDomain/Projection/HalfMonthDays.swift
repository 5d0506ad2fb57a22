/// The day-by-day changes inside one half-month of one unit's `FigureSeries`: only the two
/// half-months at the edges of an arbitrary from–to range are read from here.
///
/// A half-month has at most 17 days (15 to 31) and 33 figures, and most days touch a few
/// figures, so the entries are two small arrays sorted by `day << 6 | figure`: adding an
/// event moves at most the half-month's own entries, whatever the order events arrive in (a
/// history imported out of date order cost a memmove of the whole day record per event when
/// days were kept in one sorted column per figure).
struct HalfMonthDays: Sendable, Equatable {
    /// `day << 6 | figure` (day of the half-month from 0, figure as `Totals.field`), ascending.
    var keys: [UInt16] = []
    /// The change of `keys[i]`'s figure on its day.
    var values: [Int64] = []

    /// Adds the figures of `delta` on its day.
    mutating func add(_ delta: borrowing FigureDelta) {
        var mask = delta.mask
        let day = UInt16(delta.dayOfHalf << 6)
        while mask != 0 {
            let f = mask.trailingZeroBitCount
            mask &= mask - 1
            let key = day | UInt16(f)
            let i = position(of: key)
            if i < keys.count, keys[i] == key {
                values[i] += delta.values[f]
            } else {
                keys.insert(key, at: i)
                values.insert(delta.values[f], at: i)
            }
        }
    }

    /// The first position whose key is `key` or greater.
    private func position(of key: UInt16) -> Int { keys.lowerBound(of: key) }

    /// Adds to `acc` every figure's changes on days `lo...hi` (0-based days of the half-month).
    func addDays(_ lo: Int, _ hi: Int, into acc: UnsafeMutableBufferPointer<Int64>) {
        var i = position(of: UInt16(lo << 6))
        let end = UInt16((hi + 1) << 6)
        while i < keys.count, keys[i] < end {
            acc[Int(keys[i] & 63)] += values[i]
            i += 1
        }
    }
}
