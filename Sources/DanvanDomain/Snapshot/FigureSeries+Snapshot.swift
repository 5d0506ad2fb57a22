/// `FigureSeries` and the projection's other period indexes in a state snapshot (see
/// `StateSnapshotCodec`): half-months and days as deltas from the one before (varints),
/// figures as zigzag varints.
extension FigureSeries {
    func write(to w: inout PayloadWriter) {
        all.write(to: &w)
        w.varint(UInt64(halfKeys.count))
        var previous: Int32 = 0
        for (i, h) in halfKeys.enumerated() {
            w.zigzag(Int64(h) - Int64(previous))
            previous = h
            for f in 0..<Totals.fieldCount { w.zigzag(halfRows[i * Totals.fieldCount + f]) }
            halfDays[i].write(to: &w)
        }
    }

    init(snapshot r: inout PayloadReader) throws(PayloadError) {
        self.init()
        all = try Totals(snapshot: &r)
        let n = Totals.fieldCount
        let halves = try r.count(max: Int(Int32.max), minimumSize: 1 + n)
        halfKeys.reserveCapacity(halves)
        halfRows.reserveCapacity(halves * n)
        var previous: Int64 = 0
        for _ in 0..<halves {
            let at = r.offset
            let h = previous + (try r.zigzag())
            guard h > previous || halfKeys.isEmpty, let key = Int32(exactly: h) else { throw PayloadError("half-months out of order", at: at) }
            previous = h
            halfKeys.append(key)
            for _ in 0..<n { halfRows.append(try r.zigzag()) }
            halfDays.append(try HalfMonthDays(snapshot: &r))
        }
    }
}

extension HalfMonthDays {
    func write(to w: inout PayloadWriter) {
        w.varint(UInt64(keys.count))
        for k in keys { w.varint(UInt64(k)) }
        for v in values { w.zigzag(v) }
    }

    init(snapshot r: inout PayloadReader) throws(PayloadError) {
        self.init()
        let count = try r.count(max: 17 * 64, minimumSize: 2)
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
        for _ in 0..<count {
            let at = r.offset
            let k = try r.varint()
            guard k < 17 << 6, Int(k & 63) < Totals.fieldCount else { throw PayloadError("day entry out of range", at: at) }
            keys.append(UInt16(k))
        }
        for _ in 0..<count { values.append(try r.zigzag()) }
    }
}

extension AnswerLedger {
    func write(to w: inout PayloadWriter) {
        w.writeDays(held)
        for a in answered { w.zigzag(Int64(a)) }
    }

    init(snapshot r: inout PayloadReader) throws(PayloadError) {
        self.init()
        held = try r.readDays()
        answered.reserveCapacity(held.count)
        for _ in held {
            let at = r.offset
            guard let a = Int32(exactly: try r.zigzag()) else { throw PayloadError("day out of range", at: at) }
            answered.append(a)
        }
    }
}

extension PayloadWriter {
    /// Ascending days: a count, the first as a zigzag, then each gap as a varint.
    mutating func writeDays(_ days: [Int32]) {
        varint(UInt64(days.count))
        var previous: Int64 = 0
        for (i, d) in days.enumerated() {
            if i == 0 { zigzag(Int64(d)) } else { varint(UInt64(Int64(d) - previous)) }
            previous = Int64(d)
        }
    }
}

extension PayloadReader {
    /// Days written by `writeDays`, refused when out of order or range.
    mutating func readDays() throws(PayloadError) -> [Int32] {
        let count = try self.count(max: Int(Int32.max), minimumSize: 1)
        var days: [Int32] = []
        days.reserveCapacity(count)
        var previous: Int64 = 0
        for i in 0..<count {
            let at = offset
            let d = i == 0 ? try zigzag() : previous + Int64(truncatingIfNeeded: try varint())
            guard d >= previous || i == 0, let day = Int32(exactly: d) else { throw PayloadError("days out of order", at: at) }
            days.append(day)
            previous = d
        }
        return days
    }
}
