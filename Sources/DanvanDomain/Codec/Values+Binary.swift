/// The domain's value types in the binary record payload (see `EventPayloadCodec`), with the
/// checks that `FieldReader` applies to them, so that a damaged record that passed the CRC
/// still cannot put an out-of-range amount or date into the registry and projections.
extension PayloadReader {
    /// The presence bits of a struct's optional fields; bits outside `allowed` are refused
    /// (they would be fields this version does not know).
    @inline(__always)
    mutating func presence(allowed: UInt8) throws(PayloadError) -> UInt8 {
        let at = offset
        let mask = try u8()
        guard mask & ~allowed == 0 else { throw PayloadError("unknown optional-field bits", at: at) }
        return mask
    }

    /// A zigzag-varint integer within `range` (the same `Limits` the JSON form is checked against).
    @inline(__always)
    mutating func integer(in range: ClosedRange<Int64>) throws(PayloadError) -> Int64 {
        let at = offset
        let n = try zigzag()
        guard range.contains(n) else { throw PayloadError("integer out of range", at: at) }
        return n
    }

    /// A quantity as the zigzag varint of its scaled value: greater than zero, or at least
    /// zero when `allowZero`, and at most 2^52 scaled (as `FieldReader.quantity` requires).
    @inline(__always)
    mutating func quantity(allowZero: Bool) throws(PayloadError) -> Quantity {
        let at = offset
        let scaled = try zigzag()
        guard scaled <= Int64(1) << 52, allowZero ? scaled >= 0 : scaled > 0 else {
            throw PayloadError("quantity out of range", at: at)
        }
        return Quantity(scaled: scaled)
    }

    /// A day as the zigzag varint of its days since 1970-01-01, within `Day.years`.
    @inline(__always)
    mutating func day() throws(PayloadError) -> Day {
        let at = offset
        let days = try zigzag()
        // 1900-01-01 and 2199-12-31, the bounds of `Day.years` (checked by the codec tests).
        guard days >= -25_567, days <= 84_005 else { throw PayloadError("date out of range", at: at) }
        return Day(daysWithinYears: Int32(truncatingIfNeeded: days))
    }

    /// An event id: 16 bytes, as in its text form.
    @inline(__always)
    mutating func eventID() throws(PayloadError) -> EventID {
        let high = try u64BE()
        return EventID(high: high, low: try u64BE())
    }
}

extension PayloadWriter {
    /// A zigzag-varint integer.
    @inline(__always)
    mutating func integer(_ n: Int64) { zigzag(n) }

    /// A quantity's scaled value, zigzag.
    @inline(__always)
    mutating func quantity(_ q: Quantity) { zigzag(q.scaled) }

    /// A day's count of days since 1970-01-01, zigzag.
    @inline(__always)
    mutating func day(_ d: Day) { zigzag(Int64(d.daysSinceEpoch)) }

    /// An event id's 16 bytes.
    @inline(__always)
    mutating func eventID(_ id: EventID) {
        u64BE(id.high)
        u64BE(id.low)
    }
}

extension Day {
    /// `init(daysSinceEpoch:)` for a day already known to lie within `Day.years`: replay
    /// decodes a date in nearly every event, and this finds the year with a Julian estimate
    /// and one correction instead of the general civil-calendar arithmetic.
    @inline(__always)
    init(daysWithinYears days: Int32) {
        // Days since 1900-01-01, 0...109_572, so all the divisions below are of non-negative numbers.
        let d = Int(days) &+ 25_567
        /// Days from 1900-01-01 to January 1 of `y` (1900...2200).
        @inline(__always) func start(_ y: Int) -> Int {
            let p = y &- 1
            // Leap years in 1900...(y − 1); the 460 are those in 1...1899.
            return 365 &* (y &- 1900) &+ (p / 4 &- p / 100 &+ p / 400 &- 460)
        }
        // 365.25-day years run ahead of the Gregorian ones by at most two days here, so the
        // estimate is the year or the one before it.
        var y = 1900 &+ d &* 4 / 1461
        if d >= start(y &+ 1) { y &+= 1 }
        self.daysSinceEpoch = days
        self.year = Int16(truncatingIfNeeded: y)
    }
}
