import DanvanJSON

extension Projection {
    /// The `history` projection: a unit's life as the unit changes tell it, for the commission
    /// that holds years of records under old units and must say what became of each: when it
    /// existed (`validFrom`, `validTo`: null for always and for ever), how it ended, what it
    /// came from and became (`predecessors`, `successors`, each with the change, its date,
    /// its act, and `main` for the part of a split that continues the unit), its names and
    /// parents over time (`renames`, `moves`, each `{effectiveOn, from, to, act}`). A unit no
    /// change touched has an empty history. Dates are the days the changes took effect.
    func history(of unit: String) throws(QueryError) -> JSONValue {
        let index = try resolveUnit(unit)
        let node = units[Int(index)]
        let h = lineage[node.code]
        var o = JSONObject()
        o.members.append(("unit", unitJSON(index)))
        o.members.append(("validFrom", h?.validFrom.map { .string($0.description) } ?? .null))
        o.members.append(("validTo", h?.validTo.map { .string($0.description) } ?? .null))
        if let end = h?.end {
            var e = JSONObject()
            e.put("change", end.change)
            e.put("effectiveOn", end.effectiveOn)
            e.members.append(("act", end.act.map { .string($0) } ?? .null))
            o.members.append(("end", .object(e)))
        } else {
            o.members.append(("end", .null))
        }
        o.members.append(("registeredName", .string(h?.registeredName ?? node.name)))
        o.members.append(("predecessors", .array((h?.predecessors ?? []).map(linkJSON))))
        o.members.append(("successors", .array((h?.successors ?? []).map(linkJSON))))
        var renames: [JSONValue] = []
        var previousName = h?.registeredName ?? node.name
        for r in h?.renames ?? [] {
            var e = JSONObject()
            e.put("effectiveOn", r.effectiveOn)
            e.put("from", previousName)
            e.put("to", r.name)
            e.members.append(("act", r.act.map { .string($0) } ?? .null))
            renames.append(.object(e))
            previousName = r.name
        }
        o.members.append(("renames", .array(renames)))
        var moves: [JSONValue] = []
        var previousParent = h?.registeredParent
        for m in h?.moves ?? [] {
            var e = JSONObject()
            e.put("effectiveOn", m.effectiveOn)
            e.members.append(("from", previousParent.map { codeJSON($0, on: Registry.dayBefore(m.effectiveOn)) } ?? .null))
            e.members.append(("to", codeJSON(m.parent, on: m.effectiveOn)))
            e.members.append(("act", m.act.map { .string($0) } ?? .null))
            moves.append(.object(e))
            previousParent = m.parent
        }
        o.members.append(("moves", .array(moves)))
        return .object(o)
    }

    /// `{code, name, level}` of a unit named in a history, with its name on `day`.
    private func codeJSON(_ code: String, on day: Day) -> JSONValue {
        var o = JSONObject()
        o.put("code", code)
        if let i = unitIndex[code] {
            let u = units[Int(i)]
            o.put("name", lineage[code]?.name(on: day) ?? u.name)
            o.put("level", u.level)
        }
        return .object(o)
    }

    private func linkJSON(_ link: UnitHistory.Link) -> JSONValue {
        var o = JSONObject()
        o.members.append(("unit", codeJSON(link.unit, on: link.effectiveOn)))
        o.put("change", link.change)
        o.put("effectiveOn", link.effectiveOn)
        o.members.append(("act", link.act.map { .string($0) } ?? .null))
        if link.change == .split { o.members.append(("main", .bool(link.main))) }
        return .object(o)
    }
}
