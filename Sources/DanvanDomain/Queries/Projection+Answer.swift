import DanvanJSON

extension Projection {
    /// Answers `query` from the current figures. `today` dates the age of open opinions.
    public func answer(_ query: Query, today: Day) throws(QueryError) -> JSONValue {
        if needsSettling {
            // The engine settles after every batch; a caller that did not gets the right
            // answer all the same, from a settled copy.
            var settled = self
            settled.settle()
            return try settled.answer(query, today: today)
        }
        switch query {
        case .summary(let unit, let scope):
            return try summary(unit: unit, scope: scope)
        case .units(let parent, let scope):
            return try children(of: parent, scope: scope)
        case .campaign(let id, let scope):
            guard let c = campaigns[id] else {
                throw QueryError(code: "not_found", message: "no campaign '\(id)'; list them with the 'campaigns' projection",
                                 missing: .init(kind: "campaign", given: id))
            }
            return campaignJSON(c, scope: scope)
        case .campaigns(let unit, let status, let scope):
            let within = try unit.map { u throws(QueryError) in try resolveFigureUnit(u, scope.view) }
            let list = campaigns.values
                .filter { c in within.map { isWithin(c.unit, $0, on: c.launched.startedOn, scope.view) } ?? true }
                .filter { c in scope.period.map { c.ran(in: $0) } ?? true }
                .filter { c in
                    switch status {
                    case nil: return true
                    case .active?: return c.closedOn == nil
                    case .closed?: return c.closedOn != nil
                    }
                }
                .sorted { $0.order < $1.order }
            var o = JSONObject()
            scope.echoInList(into: &o)
            o.members.append(("campaigns", .array(list.map { campaignJSON($0, scope: scope) })))
            o.members.append(("count", .int(list.count)))
            return .object(o)
        case .opinions(let unit, let status, let older, let limit, let scope):
            return try opinions(unit: unit, status: status, olderThanDays: older, limit: limit, scope: scope, today: today)
        case .models(let unit, let field, let scope):
            let within = try unit.map { u throws(QueryError) in try resolveFigureUnit(u, scope.view) }
            let list = models.values
                .filter { m in within.map { isWithin(m.unit, $0, on: m.model.registeredOn, scope.view) } ?? true }
                .filter { m in field.map { m.model.field == $0 } ?? true }
                .filter { m in scope.period?.contains(m.model.registeredOn) ?? true }
                .sorted { $0.order < $1.order }
            let items: [JSONValue] = list.map { m in
                var o = m.model.json
                o.members.append(("unitName", .string(units[Int(m.unit)].name)))
                return .object(o)
            }
            var o = JSONObject()
            scope.echoInList(into: &o)
            o.members.append(("models", .array(items)))
            o.members.append(("count", .int(list.count)))
            return .object(o)
        case .tree(let unit, let depth):
            return try tree(under: unit, depth: depth)
        case .history(let unit):
            return try history(of: unit)
        }
    }

    func summary(unit: String?, scope: Query.Scope) throws(QueryError) -> JSONValue {
        var o = JSONObject()
        if let unit {
            let index = try resolveFigureUnit(unit, scope.view)
            o.members.append(("unit", unitJSON(index)))
            scope.echo(into: &o)
            o.members.append(contentsOf: totals(of: index, scope).json(communes: communes(of: index, scope)).members)
            let notes = splitNotes(index, scope.view)
            if !notes.isEmpty { o.members.append(("splits", .array(notes))) }
        } else {
            let (t, communes) = rootTotals(scope)
            o.members.append(("unit", .null))
            scope.echo(into: &o)
            o.members.append(contentsOf: t.json(communes: communes).members)
        }
        return .object(o)
    }

    /// `answer(query, today:)` written as JSON bytes into `out`: `summary` and `units` straight
    /// from the figures (`Totals.writeJSONMembers`), any other query through its `JSONValue`.
    /// Nothing is written when it throws.
    public func writeAnswer(_ query: Query, today: Day, into out: inout [UInt8]) throws(QueryError) {
        if needsSettling {
            var settled = self
            settled.settle()
            try settled.writeAnswer(query, today: today, into: &out)
            return
        }
        switch query {
        case .summary(let unit, let scope):
            try writeSummary(unit: unit, scope: scope, into: &out)
        case .units(let parent, let scope):
            try writeChildren(of: parent, scope: scope, into: &out)
        case .campaign, .campaigns, .opinions, .models, .tree, .history:
            JSONWriter.write(try answer(query, today: today), into: &out)
        }
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

    /// `summary(unit:scope:)` written as bytes.
    private func writeSummary(unit: String?, scope: Query.Scope, into out: inout [UInt8]) throws(QueryError) {
        let totals: Totals
        let communes: Int64
        let unitJSON: JSONValue
        var notes: [JSONValue] = []
        if let unit {
            let index = try resolveFigureUnit(unit, scope.view)
            unitJSON = self.unitJSON(index)
            totals = self.totals(of: index, scope)
            communes = self.communes(of: index, scope)
            notes = splitNotes(index, scope.view)
        } else {
            (totals, communes) = rootTotals(scope)
            unitJSON = .null
        }
        out.append(contentsOf: #"{"unit":"#.utf8)
        JSONWriter.write(unitJSON, into: &out)
        scope.writeEcho(into: &out)
        out.append(UInt8(ascii: ","))
        totals.writeJSONMembers(communes: communes, into: &out)
        if !notes.isEmpty {
            out.append(contentsOf: #","splits":"#.utf8)
            JSONWriter.write(.array(notes), into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A campaign as `campaign` and `campaigns` answer it. With a period, `totals` are what
    /// was contributed in it and `progress` is against `totalsToDate`, everything dated up
    /// to the period's end ("by 30 June, 80% of the target").
    func campaignJSON(_ c: CampaignState, scope: Query.Scope) -> JSONValue {
        var o = JSONObject()
        o.put("campaign", c.launched.campaign)
        o.put("title", c.launched.title)
        o.put("kind", c.launched.kind)
        o.members.append(("unit", unitJSON(c.unit)))
        o.put("startedOn", c.launched.startedOn)
        o.members.append(("closedOn", c.closedOn.map { .string($0.description) } ?? .null))
        o.put("status", c.closedOn == nil ? "active" : "closed")
        o.members.append(("targets", c.launched.targets.map { .object($0.json) } ?? .null))
        func contributions(_ t: Totals) -> JSONValue {
            var totals = t.json(communes: 0)
            // Campaign totals are contributions; counts of campaigns, dialogues and models do not apply.
            totals.members.removeAll { ["campaigns", "dialogues", "opinions", "models"].contains($0.key) }
            return .object(totals)
        }
        guard let period = scope.period else {
            o.members.append(("totals", contributions(c.totals)))
            o.members.append(("progress", .object(c.launched.targets?.progress(c.totals) ?? JSONObject())))
            return .object(o)
        }
        let toDate = c.series.totals(Period(from: nil, to: period.to))
        scope.echoInList(into: &o)
        o.members.append(("totals", contributions(c.series.totals(period))))
        o.members.append(("totalsToDate", contributions(toDate)))
        o.members.append(("progress", .object(c.launched.targets?.progress(toDate) ?? JSONObject())))
        return .object(o)
    }

    /// The opinions of dialogues held in the scope's period, open or answered as they stood
    /// on `answeredBy` (an answer given later counts as open then); ages are counted to
    /// that day, or to `today`.
    func opinions(unit: String?, status: Query.OpinionStatus, olderThanDays: Int?, limit: Int, scope: Query.Scope, today: Day) throws(QueryError) -> JSONValue {
        let within = try unit.map { u throws(QueryError) in try resolveFigureUnit(u, scope.view) }
        let reference = scope.answeredBy ?? today
        var rows: [(age: Int, order: Int, value: JSONValue)] = []
        var total = 0
        for d in dialogues.values {
            if let within, !isWithin(d.unit, within, on: d.heldOn, scope.view) { continue }
            if let period = scope.period, !period.contains(d.heldOn) { continue }
            for (i, op) in d.opinions.enumerated() {
                let answeredOn = op.answeredOn.flatMap { on in scope.answeredBy.map { on <= $0 } ?? true ? on : nil }
                guard (answeredOn != nil) == (status == .answered) else { continue }
                let end = answeredOn ?? reference
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
                if let on = answeredOn {
                    o.put("answeredOn", on)
                    o.put("answer", op.answer)
                }
                rows.append((age, d.order * 100_000 + i, .object(o)))
            }
        }
        rows.sort { ($0.age, -$0.order) > ($1.age, -$1.order) }
        let shown = rows.prefix(limit).map(\.value)
        var o = JSONObject()
        o.put("status", status.rawValue)
        o.put("today", today)
        scope.echoInList(into: &o)
        o.members.append(("count", .int(total)))
        o.members.append(("truncated", .bool(total > shown.count)))
        o.members.append(("opinions", .array(Array(shown))))
        return .object(o)
    }
}
