import DanvanJSON

extension Projection {
    /// Answers `query` from the current figures. `today` dates the age of open opinions.
    public func answer(_ query: Query, today: Day) throws(QueryError) -> JSONValue {
        switch query {
        case .summary(let unit, let year):
            return try summary(unit: unit, year: year)
        case .units(let parent, let year):
            return try children(of: parent, year: year)
        case .campaign(let id):
            guard let c = campaigns[id] else {
                throw QueryError(code: "not_found", message: "no campaign '\(id)'; list them with the 'campaigns' projection",
                                 missing: .init(kind: "campaign", given: id))
            }
            return campaignJSON(c, detailed: true)
        case .campaigns(let unit, let status):
            let within = try unit.map { u throws(QueryError) in try resolveUnit(u) }
            let list = campaigns.values
                .filter { c in within.map { isWithin(c.unit, $0) } ?? true }
                .filter { c in
                    switch status {
                    case nil: return true
                    case .active?: return c.closedOn == nil
                    case .closed?: return c.closedOn != nil
                    }
                }
                .sorted { $0.order < $1.order }
            return ["campaigns": .array(list.map { campaignJSON($0, detailed: false) }), "count": .int(list.count)]
        case .opinions(let unit, let status, let older, let limit):
            return try opinions(unit: unit, status: status, olderThanDays: older, limit: limit, today: today)
        case .models(let unit, let field):
            let within = try unit.map { u throws(QueryError) in try resolveUnit(u) }
            let list = models.values
                .filter { m in within.map { isWithin(m.unit, $0) } ?? true }
                .filter { m in field.map { m.model.field == $0 } ?? true }
                .sorted { $0.order < $1.order }
            let items: [JSONValue] = list.map { m in
                var o = m.model.json
                o.members.append(("unitName", .string(units[Int(m.unit)].name)))
                return .object(o)
            }
            return ["models": .array(items), "count": .int(list.count)]
        case .tree(let unit, let depth):
            return try tree(under: unit, depth: depth)
        case .history(let unit):
            return try history(of: unit)
        }
    }

    func summary(unit: String?, year: Int?) throws(QueryError) -> JSONValue {
        var o = JSONObject()
        if let unit {
            let index = try resolveUnit(unit)
            let node = units[Int(index)]
            o.members.append(("unit", unitJSON(index)))
            o.members.append(("year", year.map { .int($0) } ?? .null))
            o.members.append(contentsOf: node.figures.totals(year: year).json(communes: node.communes).members)
        } else {
            let (t, communes) = rootTotals(year: year)
            o.members.append(("unit", .null))
            o.members.append(("year", year.map { .int($0) } ?? .null))
            o.members.append(contentsOf: t.json(communes: communes).members)
        }
        return .object(o)
    }

    /// `answer(query, today:)` written as JSON bytes into `out`: `summary` and `units` straight
    /// from the figures (`Totals.writeJSONMembers`), any other query through its `JSONValue`.
    /// Nothing is written when it throws.
    public func writeAnswer(_ query: Query, today: Day, into out: inout [UInt8]) throws(QueryError) {
        switch query {
        case .summary(let unit, let year):
            try writeSummary(unit: unit, year: year, into: &out)
        case .units(let parent, let year):
            try writeChildren(of: parent, year: year, into: &out)
        case .campaign, .campaigns, .opinions, .models, .tree, .history:
            JSONWriter.write(try answer(query, today: today), into: &out)
        }
    }

    /// `,"year":` and the year or null.
    func writeYear(_ year: Int?, into out: inout [UInt8]) {
        out.append(contentsOf: #","year":"#.utf8)
        if let year { out.append(contentsOf: String(year).utf8) } else { out.append(contentsOf: "null".utf8) }
    }

    /// Units in the order `units` and `tree` list them: by name in Vietnamese alphabetical
    /// order (`VietnameseOrder`), then by code.
    func sortedForListing(_ list: [UnitIndex]) -> [UnitIndex] {
        list.sorted { (a, b) -> Bool in
            let ua = units[Int(a)], ub = units[Int(b)]
            if ua.nameOrder != ub.nameOrder { return ua.nameOrder < ub.nameOrder }
            return ua.code < ub.code
        }
    }

    /// `summary(unit:year:)` written as bytes.
    private func writeSummary(unit: String?, year: Int?, into out: inout [UInt8]) throws(QueryError) {
        let totals: Totals
        let communes: Int64
        let unitJSON: JSONValue
        if let unit {
            let index = try resolveUnit(unit)
            let node = units[Int(index)]
            unitJSON = self.unitJSON(index)
            totals = node.figures.totals(year: year)
            communes = node.communes
        } else {
            (totals, communes) = rootTotals(year: year)
            unitJSON = .null
        }
        out.append(contentsOf: #"{"unit":"#.utf8)
        JSONWriter.write(unitJSON, into: &out)
        writeYear(year, into: &out)
        out.append(UInt8(ascii: ","))
        totals.writeJSONMembers(communes: communes, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// The totals of all root units together, and their communes.
    func rootTotals(year: Int?) -> (Totals, Int64) {
        var t = Totals()
        var communes: Int64 = 0
        for r in roots {
            t.add(units[Int(r)].figures.totals(year: year))
            communes += units[Int(r)].communes
        }
        return (t, communes)
    }

    func campaignJSON(_ c: CampaignState, detailed: Bool) -> JSONValue {
        var o = JSONObject()
        o.put("campaign", c.launched.campaign)
        o.put("title", c.launched.title)
        o.put("kind", c.launched.kind)
        o.members.append(("unit", unitJSON(c.unit)))
        o.put("startedOn", c.launched.startedOn)
        o.members.append(("closedOn", c.closedOn.map { .string($0.description) } ?? .null))
        o.put("status", c.closedOn == nil ? "active" : "closed")
        o.members.append(("targets", c.launched.targets.map { .object($0.json) } ?? .null))
        var totals = c.totals.json(communes: 0)
        // Campaign totals are contributions; counts of campaigns, dialogues and models do not apply.
        totals.members.removeAll { ["campaigns", "dialogues", "opinions", "models"].contains($0.key) }
        o.members.append(("totals", .object(totals)))
        o.members.append(("progress", .object(c.launched.targets?.progress(c.totals) ?? JSONObject())))
        _ = detailed
        return .object(o)
    }

    func opinions(unit: String?, status: Query.OpinionStatus, olderThanDays: Int?, limit: Int, today: Day) throws(QueryError) -> JSONValue {
        let within = try unit.map { u throws(QueryError) in try resolveUnit(u) }
        var rows: [(age: Int, order: Int, value: JSONValue)] = []
        var total = 0
        for d in dialogues.values {
            if let within, !isWithin(d.unit, within) { continue }
            for (i, op) in d.opinions.enumerated() {
                let answered = op.answeredOn != nil
                guard answered == (status == .answered) else { continue }
                let end = op.answeredOn ?? today
                let age = Int(end.daysSinceEpoch - d.heldOn.daysSinceEpoch)
                if let olderThanDays, age <= olderThanDays { continue }
                total += 1
                var o = JSONObject()
                o.put("dialogue", d.dialogue)
                o.put("opinion", op.opinion.opinion)
                o.members.append(("unit", unitJSON(d.unit)))
                o.put("heldOn", d.heldOn)
                o.put("text", op.opinion.text)
                o.put("topic", op.opinion.topic)
                o.put("ageDays", Int64(age))
                if let on = op.answeredOn {
                    o.put("answeredOn", on)
                    o.put("answer", op.answer)
                }
                rows.append((age, d.order * 100_000 + i, .object(o)))
            }
        }
        rows.sort { ($0.age, -$0.order) > ($1.age, -$1.order) }
        let shown = rows.prefix(limit).map(\.value)
        return [
            "status": .string(status.rawValue), "today": .string(today.description),
            "count": .int(total), "truncated": .bool(total > shown.count), "opinions": .array(Array(shown)),
        ]
    }
}
