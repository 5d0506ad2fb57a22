/// One unit's figures (with its descendants') through time, so that any period is answered
/// from memory: all time at once, any run of whole half-months by adding their rows, and
/// the days at the two edges of an arbitrary from–to range from those half-months' days.
///
/// A quarter is 6 rows, a five-year term 120; an arbitrary range adds at most 28 edge days.
/// Rows exist only for half-months with events, so a stray date decades away costs one row.
public struct FigureSeries: Sendable, Equatable {
    /// Everything, whatever its date (`communesWithModels` included, kept by the projection).
    public internal(set) var all = Totals()
    /// Half-months with events (`HalfMonth.index`), ascending.
    var halfKeys: [Int32] = []
    /// `Totals.fieldCount` figures per key of `halfKeys`, in the order of `Totals.field(_:)`.
    var halfRows: [Int64] = []
    /// The changes by day inside each half-month of `halfKeys`.
    var halfDays: [HalfMonthDays] = []

    /// An empty series.
    public init() {}

    /// Adds one event's effect.
    mutating func add(_ delta: borrowing FigureDelta) {
        guard delta.mask != 0 else { return }
        let index = rowIndex(delta.half)
        let base = index * Totals.fieldCount
        var mask = delta.mask
        while mask != 0 {
            let i = mask.trailingZeroBitCount
            mask &= mask - 1
            let v = delta.values[i]
            halfRows[base + i] += v
            all.addField(i, v)
        }
        halfDays[index].add(delta)
    }

    /// The position of half-month `h`'s row, made (zeros) when it has none yet.
    mutating func rowIndex(_ h: Int32) -> Int {
        if let last = halfKeys.last, last == h { return halfKeys.count - 1 }
        if halfKeys.last.map({ $0 < h }) ?? true {
            halfKeys.append(h)
            halfRows.append(contentsOf: repeatElement(0, count: Totals.fieldCount))
            halfDays.append(HalfMonthDays())
            return halfKeys.count - 1
        }
        let i = firstHalf(atOrAfter: h)
        if i < halfKeys.count, halfKeys[i] == h { return i }
        halfKeys.insert(h, at: i)
        halfRows.insert(contentsOf: repeatElement(0, count: Totals.fieldCount), at: i * Totals.fieldCount)
        halfDays.insert(HalfMonthDays(), at: i)
        return i
    }

    private func firstHalf(atOrAfter h: Int32) -> Int { halfKeys.lowerBound(of: h) }

    /// The figures of events dated in `period` (all of them when nil). `communesWithModels`
    /// is left zero for a bounded period: it is not a sum (`Projection.communesWithModels`).
    public func totals(_ period: Period?) -> Totals {
        guard let period, period.from != nil || period.to != nil else { return all }
        let n = Totals.fieldCount
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: n) { acc in
            acc.initialize(repeating: 0)
            addFigures(from: period.from, to: period.to, into: acc)
            return Totals(row: UnsafeBufferPointer(acc))
        }
    }

    private func addFigures(from: Day?, to: Day?, into acc: UnsafeMutableBufferPointer<Int64>) {
        guard !halfKeys.isEmpty else { return }
        // Whole half-months inside the range, then the days left at either edge.
        var hStart = Int32.min, hEnd = Int32.max
        if let from {
            let h = HalfMonth.index(from)
            hStart = HalfMonth.days(h).first == from ? h : h + 1
        }
        if let to {
            let h = HalfMonth.index(to)
            hEnd = HalfMonth.days(h).last == to ? h : h - 1
        }
        let lo = from?.daysSinceEpoch ?? Int32.min
        let hi = to?.daysSinceEpoch ?? Int32.max
        guard hStart <= hEnd else {
            // No whole half-month between the two bounds: days alone.
            addDays(lo, hi, into: acc)
            return
        }
        let n = Totals.fieldCount
        halfRows.withUnsafeBufferPointer { rows in
            var i = firstHalf(atOrAfter: hStart)
            while i < halfKeys.count, halfKeys[i] <= hEnd {
                let base = i * n
                for f in 0..<n { acc[f] += rows[base + f] }
                i += 1
            }
        }
        if hStart != Int32.min {
            let first = HalfMonth.days(hStart).first.daysSinceEpoch
            if lo < first { addDays(lo, first - 1, into: acc) }
        }
        if hEnd != Int32.max {
            let last = HalfMonth.days(hEnd).last.daysSinceEpoch
            if hi > last { addDays(last + 1, hi, into: acc) }
        }
    }

    /// Adds every figure's changes on the days `lo...hi` (days since 1970), from the days
    /// kept in the half-months they fall in.
    private func addDays(_ lo: Int32, _ hi: Int32, into acc: UnsafeMutableBufferPointer<Int64>) {
        guard lo <= hi else { return }
        let first = HalfMonth.index(Day(daysSinceEpoch: max(lo, HalfMonth.days(halfKeys[0]).first.daysSinceEpoch)))
        var i = firstHalf(atOrAfter: first)
        while i < halfKeys.count {
            let (start, end) = HalfMonth.days(halfKeys[i])
            let s = start.daysSinceEpoch
            if s > hi { break }
            let a = Int(max(lo, s) - s), b = Int(min(hi, end.daysSinceEpoch) - s)
            if a <= b { halfDays[i].addDays(a, b, into: acc) }
            i += 1
        }
    }
}

/// One event's effect on the figures, worked out once and added to its unit and every
/// ancestor: the figures it changes and by how much, and where it falls in time.
struct FigureDelta {
    /// Bit `i` set when figure `i` (`Totals.field`) changes.
    var mask: UInt64
    /// The change of each figure, by `Totals.field` index (only those in `mask` are set).
    var values = InlineArray<40, Int64>(repeating: 0)
    /// Its half-month.
    var half: Int32
    /// Its day within the half-month, from 0.
    var dayOfHalf: Int
    /// Its day.
    var day: Day

    /// The delta of `change` applied to zero totals, dated `day`.
    init(day: Day, _ change: (inout Totals) -> Void) {
        // A copy of the shared zero: no allocation unless the change touches works or fields.
        assert(Totals.fieldCount <= 40, "FigureDelta.values holds 40 figures")
        var t = Totals.zero
        change(&t)
        t.writeFields(into: &values)
        var m: UInt64 = 0
        for i in 0..<Totals.fieldCount where values[i] != 0 { m |= 1 << UInt64(i) }
        mask = m
        (half, dayOfHalf) = HalfMonth.place(day)
        self.day = day
    }
}
