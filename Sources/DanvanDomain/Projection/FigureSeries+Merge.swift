/// Whole series added into one another, for the boundaries views (`Projection+Boundaries.swift`):
/// when units change, a unit's own facts are added again along the chains of units they
/// count in, whole (the current view) or a stretch of days at a time (the historical view).
extension FigureSeries {
    /// Adds `sign` times every figure of `other` dated from `from` through `to` (either open).
    /// `communesWithModels` is not a sum of events and is left alone.
    mutating func add(_ other: FigureSeries, from: Day? = nil, to: Day? = nil, sign: Int64 = 1) {
        let lo = from?.daysSinceEpoch ?? Int32.min
        let hi = to?.daysSinceEpoch ?? Int32.max
        let n = Totals.fieldCount
        for (k, h) in other.halfKeys.enumerated() {
            let (first, last) = HalfMonth.days(h)
            let s = first.daysSinceEpoch, e = last.daysSinceEpoch
            if e < lo || s > hi { continue }
            let days = other.halfDays[k]
            var row = Array(repeating: Int64(0), count: n)
            var entries: [(key: UInt16, value: Int64)] = []
            for (i, key) in days.keys.enumerated() {
                let day = s + Int32(key >> 6)
                guard day >= lo, day <= hi, days.values[i] != 0 else { continue }
                let v = sign * days.values[i]
                row[Int(key & 63)] += v
                entries.append((key, v))
            }
            guard !entries.isEmpty else { continue }
            let index = rowIndex(h)
            let base = index * n
            for f in 0..<n where row[f] != 0 {
                halfRows[base + f] += row[f]
                all.addField(f, row[f])
            }
            for entry in entries { halfDays[index].add(key: entry.key, entry.value) }
        }
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
