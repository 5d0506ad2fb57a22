import DanvanJSON

extension Totals {
    /// The figures as the `summary` result, with rates computed exactly.
    ///
    /// Rates are fractions rounded half-up to four decimals (0.9879), null when the
    /// denominator is zero, so "98.8%" and "98.7%" style rounding stays the reader's choice.
    public func json(communes: Int64) -> JSONObject {
        var o = JSONObject()
        o.put("landDonatedM2", landM2)
        o.put("donorHouseholds", donorHouseholds)
        o.put("assetsVnd", assetsVnd)
        o.put("fundsVnd", fundsVnd)
        o.put("workdays", workdays)
        var w = JSONObject()
        for kind in WorksKind.allCases {
            let t = works[kind.index]
            var k = JSONObject()
            k.put("count", t.count)
            k.put("lengthKm", t.lengthKm)
            k.put("valueVnd", t.valueVnd)
            w.members.append((kind.rawValue, .object(k)))
        }
        o.members.append(("works", .object(w)))
        o.members.append(("campaigns", [
            "launched": .int(campaignsLaunched),
            "active": .int(campaignsLaunched - campaignsLaunchedNowClosed),
            "closed": .int(campaignsClosed),
        ]))
        o.members.append(("dialogues", [
            "held": .int(dialoguesHeld), "periodic": .int(dialoguesPeriodic), "adHoc": .int(dialoguesAdHoc),
        ]))
        o.members.append(("opinions", [
            "received": .int(opinionsReceived), "answered": .int(opinionsAnswered),
            "answeredRate": Totals.rate(opinionsAnswered, opinionsReceived),
        ]))
        var fields = JSONObject()
        for f in ModelField.allCases { fields.put(f.rawValue, modelsByField[f.index]) }
        o.members.append(("models", [
            "total": .int(models), "byField": .object(fields), "communes": .int(communes),
            "communesWithModels": .int(communesWithModels),
            "adoptionRate": Totals.rate(communesWithModels, communes),
        ]))
        return o
    }

    /// `part / whole` rounded half-up to 4 decimals, or null.
    public static func rate(_ part: Int64, _ whole: Int64) -> JSONValue {
        rateQuantity(part, whole).map { .number($0.description) } ?? .null
    }

    /// `rate` as a quantity, nil where it is `null`.
    static func rateQuantity(_ part: Int64, _ whole: Int64) -> Quantity? {
        guard whole > 0 else { return nil }
        // 128-bit so that VND amounts near 10^15 cannot overflow.
        let scaled = (Int128(part) * Int128(Quantity.unit) * 2 + Int128(whole)) / (2 * Int128(whole))
        guard let exact = Int64(exactly: scaled) else { return nil }
        return Quantity(scaled: exact)
    }
}

extension CampaignTargets {
    /// Each target with what was achieved and the ratio achieved/target.
    func progress(_ t: Totals) -> JSONObject {
        var o = JSONObject()
        func entry(_ name: String, target: String, targetScaled: Int64, achieved: String, achievedScaled: Int64) {
            o.members.append((name, [
                "target": .number(target), "achieved": .number(achieved),
                "ratio": Totals.rate(achievedScaled, targetScaled),
            ]))
        }
        if let v = landM2 { entry("landM2", target: v.description, targetScaled: v.scaled, achieved: t.landM2.description, achievedScaled: t.landM2.scaled) }
        if let v = fundsVnd { entry("fundsVnd", target: String(v), targetScaled: v, achieved: String(t.fundsVnd), achievedScaled: t.fundsVnd) }
        if let v = workdays { entry("workdays", target: v.description, targetScaled: v.scaled, achieved: t.workdays.description, achievedScaled: t.workdays.scaled) }
        if let v = roadsKm {
            let km = t.works[WorksKind.road.index].lengthKm + t.works[WorksKind.borderRoad.index].lengthKm
            entry("roadsKm", target: v.description, targetScaled: v.scaled, achieved: km.description, achievedScaled: km.scaled)
        }
        if let v = houses {
            let n = t.works[WorksKind.house.index].count
            entry("houses", target: String(v), targetScaled: v, achieved: String(n), achievedScaled: n)
        }
        return o
    }
}
