/// Whole series added into one another, for the boundaries views (`Projection+Boundaries.swift`):
/// when units change, a unit's own facts are added again along the chains of units they
/// count in, whole (the current view) or a stretch of days at a time (the historical view).
extension FigureSeries {
    /// Adds `sign` times every figure of `other` dated from `from` through `to` (either open).
    /// `communesWithModels` is not a sum of events and is left alone.
    ///
    /// One pass over both series' half-months in order, building the merged arrays once:
    /// `settle` adds every unit's series into each unit of its chains, and inserting rows one
    /// at a time into a province's series would cost a shift of its rows for each.
    mutating func add(_ other: FigureSeries, from: Day? = nil, to: Day? = nil, sign: Int64 = 1) {
        guard !other.halfKeys.isEmpty else { return }
        let lo = from?.daysSinceEpoch ?? Int32.min
        let hi = to?.daysSinceEpoch ?? Int32.max
        let n = Totals.fieldCount
        var keys: [Int32] = [], rows: [Int64] = [], days: [HalfMonthDays] = []
        keys.reserveCapacity(halfKeys.count + other.halfKeys.count)
        rows.reserveCapacity(keys.capacity * n)
        days.reserveCapacity(keys.capacity)
        var i = 0, j = 0
        while i < halfKeys.count || j < other.halfKeys.count {
            if j == other.halfKeys.count || (i < halfKeys.count && halfKeys[i] < other.halfKeys[j]) {
                keys.append(halfKeys[i])
                rows.append(contentsOf: halfRows[i * n ..< (i + 1) * n])
                days.append(halfDays[i])
                i += 1
                continue
            }
            let h = other.halfKeys[j]
            let part = other.part(j, lo, hi, sign)
            if i < halfKeys.count, halfKeys[i] == h {
                keys.append(h)
                rows.append(contentsOf: halfRows[i * n ..< (i + 1) * n])
                var merged = halfDays[i]
                if let part {
                    let base = rows.count - n
                    for f in 0..<n where part.row[f] != 0 { rows[base + f] += part.row[f] }
                    merged.add(part.days)
                }
                days.append(merged)
                i += 1
            } else if let part {
                keys.append(h)
                rows.append(contentsOf: part.row)
                days.append(part.days)
            }
            if let part { for f in 0..<n where part.row[f] != 0 { all.addField(f, part.row[f]) } }
            j += 1
        }
        halfKeys = keys
        halfRows = rows
        halfDays = days
    }

    /// `sign` times the figures of half-month row `k` dated `lo...hi`, with their days, or
    /// nil when none is other than zero.
    private func part(_ k: Int, _ lo: Int32, _ hi: Int32, _ sign: Int64) -> (row: [Int64], days: HalfMonthDays)? {
        let (first, last) = HalfMonth.days(halfKeys[k])
        let s = first.daysSinceEpoch, e = last.daysSinceEpoch
        if e < lo || s > hi { return nil }
        let source = halfDays[k]
        var row = Array(repeating: Int64(0), count: Totals.fieldCount)
        var out = HalfMonthDays()
        out.keys.reserveCapacity(source.keys.count)
        out.values.reserveCapacity(source.keys.count)
        for (i, key) in source.keys.enumerated() {
            let day = s + Int32(key >> 6)
            guard day >= lo, day <= hi, source.values[i] != 0 else { continue }
            let v = sign * source.values[i]
            row[Int(key & 63)] += v
            out.keys.append(key)
            out.values.append(v)
        }
        return out.keys.isEmpty ? nil : (row, out)
    }

    /// The same sums of events with the rows and day entries that hold only zeros taken out
    /// (what is left after a subtraction), so that two series with the same figures compare
    /// equal; `communesWithModels`, not a sum, is not carried over.
    func normalized() -> FigureSeries {
        var out = FigureSeries()
        out.add(self)
        return out
    }

    /// Whether no figure of any day is other than zero.
    var isZero: Bool { halfDays.allSatisfy { $0.values.allSatisfy { $0 == 0 } } && all.communesWithModels == 0 }
}

extension HalfMonthDays {
    /// Adds every entry of `other` (keys ascending, as in any `HalfMonthDays`), taking out
    /// entries brought to zero: entry by entry when `other` is small beside `self`, else in one
    /// merge of the two sorted runs.
    mutating func add(_ other: HalfMonthDays) {
        if other.keys.count * 8 < keys.count {
            for (i, key) in other.keys.enumerated() { add(key: key, other.values[i]) }
            return
        }
        var k: [UInt16] = [], v: [Int64] = []
        k.reserveCapacity(keys.count + other.keys.count)
        v.reserveCapacity(k.capacity)
        var i = 0, j = 0
        while i < keys.count || j < other.keys.count {
            if j == other.keys.count || (i < keys.count && keys[i] < other.keys[j]) {
                k.append(keys[i]); v.append(values[i]); i += 1
            } else if i == keys.count || other.keys[j] < keys[i] {
                k.append(other.keys[j]); v.append(other.values[j]); j += 1
            } else {
                let sum = values[i] + other.values[j]
                if sum != 0 { k.append(keys[i]); v.append(sum) }
                i += 1; j += 1
            }
        }
        keys = k
        values = v
    }

    /// Adds `value` to the entry `key` (`day << 6 | figure`); an entry brought to zero is
    /// taken out.
    mutating func add(key: UInt16, _ value: Int64) {
        let i = keys.lowerBound(of: key)
        if i < keys.count, keys[i] == key {
            values[i] += value
            if values[i] == 0 {
                keys.remove(at: i)
                values.remove(at: i)
            }
        } else if value != 0 {
            keys.insert(key, at: i)
            values.insert(value, at: i)
        }
    }
}
