import DanvanJSON

extension Totals {
    /// The members of `json(communes:)`, written straight into `out` as the exact bytes
    /// `JSONWriter` would write for that object, braces excluded.
    ///
    /// Why: a `summary` is the query tools poll most, and building its answer as a tree of
    /// `JSONObject`s (ten arrays of members, a `String` per number) and then writing the tree was
    /// a quarter of a query's CPU. `TotalsJSONBytesTests` compares the two byte for byte.
    public func writeJSONMembers(communes: Int64, into out: inout [UInt8]) {
        out.jsonKey("landDonatedM2", first: true)
        out.jsonNumber(landM2)
        out.jsonKey("donorHouseholds")
        out.jsonNumber(donorHouseholds)
        out.jsonKey("assetsVnd")
        out.jsonNumber(assetsVnd)
        out.jsonKey("fundsVnd")
        out.jsonNumber(fundsVnd)
        out.jsonKey("workdays")
        out.jsonNumber(workdays)
        out.jsonKey("works")
        out.append(UInt8(ascii: "{"))
        for kind in WorksKind.allCases {
            let t = works[kind.index]
            if kind.index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(kind.rawValue, into: &out)
            out.append(UInt8(ascii: ":"))
            out.jsonKey("count", first: true, open: true)
            out.jsonNumber(t.count)
            out.jsonKey("lengthKm")
            out.jsonNumber(t.lengthKm)
            out.jsonKey("valueVnd")
            out.jsonNumber(t.valueVnd)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        out.jsonKey("campaigns")
        out.jsonKey("launched", first: true, open: true)
        out.jsonNumber(campaignsLaunched)
        out.jsonKey("active")
        out.jsonNumber(campaignsLaunched - campaignsLaunchedNowClosed)
        out.jsonKey("closed")
        out.jsonNumber(campaignsClosed)
        out.append(UInt8(ascii: "}"))
        out.jsonKey("dialogues")
        out.jsonKey("held", first: true, open: true)
        out.jsonNumber(dialoguesHeld)
        out.jsonKey("periodic")
        out.jsonNumber(dialoguesPeriodic)
        out.jsonKey("adHoc")
        out.jsonNumber(dialoguesAdHoc)
        out.append(UInt8(ascii: "}"))
        out.jsonKey("opinions")
        out.jsonKey("received", first: true, open: true)
        out.jsonNumber(opinionsReceived)
        out.jsonKey("answered")
        out.jsonNumber(opinionsAnswered)
        out.jsonKey("answeredRate")
        JSONWriter.write(Totals.rate(opinionsAnswered, opinionsReceived), into: &out)
        out.append(UInt8(ascii: "}"))
        out.jsonKey("models")
        out.jsonKey("total", first: true, open: true)
        out.jsonNumber(models)
        out.jsonKey("byField")
        out.append(UInt8(ascii: "{"))
        for f in ModelField.allCases {
            if f.index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(f.rawValue, into: &out)
            out.append(UInt8(ascii: ":"))
            out.jsonNumber(modelsByField[f.index])
        }
        out.append(UInt8(ascii: "}"))
        out.jsonKey("communes")
        out.jsonNumber(communes)
        out.jsonKey("communesWithModels")
        out.jsonNumber(communesWithModels)
        out.jsonKey("adoptionRate")
        JSONWriter.write(Totals.rate(communesWithModels, communes), into: &out)
        out.append(UInt8(ascii: "}"))
    }
}

extension [UInt8] {
    /// `"key":`, after a comma unless `first`, after `{` when `open`. Keys here are plain
    /// ASCII identifiers, which JSON writes unescaped.
    @inline(__always)
    mutating func jsonKey(_ key: StaticString, first: Bool = false, open: Bool = false) {
        if open { append(UInt8(ascii: "{")) }
        if !first { append(UInt8(ascii: ",")) }
        append(UInt8(ascii: "\""))
        key.withUTF8Buffer { append(contentsOf: $0) }
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
    }

    /// An integer as JSON writes it (`JSONValue.int`).
    @inline(__always)
    mutating func jsonNumber(_ value: Int64) {
        append(contentsOf: String(value).utf8)
    }

    /// A quantity as JSON writes it (`Quantity.description`).
    @inline(__always)
    mutating func jsonNumber(_ value: Quantity) {
        append(contentsOf: value.description.utf8)
    }
}
