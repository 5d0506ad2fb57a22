import DanvanJSON

extension Totals {
    /// The members of `json(communes:)`, written straight into `out` as the exact bytes
    /// `JSONWriter` would write for that object, braces excluded.
    ///
    /// Why: a `summary` is the query tools poll most, and building its answer as a tree of
    /// `JSONObject`s (ten arrays of members, a `String` per number) and then writing the tree was
    /// a quarter of a query's CPU. `TotalsJSONBytesTests` compares the two byte for byte.
    public func writeJSONMembers(communes: Int64, into out: inout [UInt8]) {
        out.raw(#""landDonatedM2":"#)
        out.jsonNumber(landM2)
        out.raw(#","donorHouseholds":"#)
        out.jsonNumber(donorHouseholds)
        out.raw(#","assetsVnd":"#)
        out.jsonNumber(assetsVnd)
        out.raw(#","fundsVnd":"#)
        out.jsonNumber(fundsVnd)
        out.raw(#","workdays":"#)
        out.jsonNumber(workdays)
        out.raw(#","works":{"#)
        for kind in WorksKind.allCases {
            let t = works[kind.index]
            if kind.index > 0 { out.append(UInt8(ascii: ",")) }
            out.jsonPlainString(kind.rawValue)
            out.raw(#":{"count":"#)
            out.jsonNumber(t.count)
            out.raw(#","lengthKm":"#)
            out.jsonNumber(t.lengthKm)
            out.raw(#","valueVnd":"#)
            out.jsonNumber(t.valueVnd)
            out.raw(#"}"#)
        }
        out.raw(#"},"campaigns":{"launched":"#)
        out.jsonNumber(campaignsLaunched)
        out.raw(#","active":"#)
        out.jsonNumber(campaignsLaunched - campaignsLaunchedNowClosed)
        out.raw(#","closed":"#)
        out.jsonNumber(campaignsClosed)
        out.raw(#"},"dialogues":{"held":"#)
        out.jsonNumber(dialoguesHeld)
        out.raw(#","periodic":"#)
        out.jsonNumber(dialoguesPeriodic)
        out.raw(#","adHoc":"#)
        out.jsonNumber(dialoguesAdHoc)
        out.raw(#"},"opinions":{"received":"#)
        out.jsonNumber(opinionsReceived)
        out.raw(#","answered":"#)
        out.jsonNumber(opinionsAnswered)
        out.raw(#","answeredRate":"#)
        out.jsonRate(opinionsAnswered, opinionsReceived)
        out.raw(#"},"models":{"total":"#)
        out.jsonNumber(models)
        out.raw(#","byField":{"#)
        for f in ModelField.allCases {
            if f.index > 0 { out.append(UInt8(ascii: ",")) }
            out.jsonPlainString(f.rawValue)
            out.raw(#":"#)
            out.jsonNumber(modelsByField[f.index])
        }
        out.raw(#"},"communes":"#)
        out.jsonNumber(communes)
        out.raw(#","communesWithModels":"#)
        out.jsonNumber(communesWithModels)
        out.raw(#","adoptionRate":"#)
        out.jsonRate(communesWithModels, communes)
        out.raw(#"}"#)
    }
}

extension [UInt8] {
    /// Bytes written as they are (keys with their punctuation, `,"fundsVnd":`): one append
    /// for what was five, since a listing writes thousands of them.
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// An integer as JSON writes it (`JSONValue.int`), its digits written in place: a `units`
    /// listing writes some 400 numbers, and a `String` apiece was a third of its CPU.
    @inline(__always)
    mutating func jsonNumber(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
    }

    /// A quantity as JSON writes it (`Quantity.description`): the whole part, then the
    /// fraction without its trailing zeros.
    @inline(__always)
    mutating func jsonNumber(_ value: Quantity) {
        if value.scaled < 0 { append(UInt8(ascii: "-")) }
        let magnitude = value.scaled.magnitude
        let unit = UInt64(Quantity.unit)
        appendDigits(magnitude / unit)
        var fraction = magnitude % unit
        guard fraction != 0 else { return }
        var digits = Quantity.scale
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        append(UInt8(ascii: "."))
        appendDigits(fraction, minimumCount: digits)
    }

    /// A rate (`Totals.rate`): a quantity, or `null` when there is nothing to divide by.
    @inline(__always)
    mutating func jsonRate(_ part: Int64, _ whole: Int64) {
        if let rate = Totals.rateQuantity(part, whole) { jsonNumber(rate) } else { append(contentsOf: "null".utf8) }
    }

    /// A plain ASCII name JSON writes unescaped (a `WorksKind` or `ModelField` raw value), quoted.
    @inline(__always)
    mutating func jsonPlainString(_ name: String) {
        append(UInt8(ascii: "\""))
        append(contentsOf: name.utf8)
        append(UInt8(ascii: "\""))
    }

    /// The decimal digits of `value`, left-padded with zeros to `minimumCount`.
    @inline(__always)
    mutating func appendDigits(_ value: UInt64, minimumCount: Int = 1) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var start = 20
            var rest = value
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            while 20 - start < minimumCount {
                start -= 1
                buffer[start] = UInt8(ascii: "0")
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<20]))
        }
    }
}
