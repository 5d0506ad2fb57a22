import DanvanJSON

/// What the figure queries read in each boundaries view (`Boundaries`,
/// `Projection+Boundaries.swift`): the unit a query may name, the units a listing lists, and
/// the splits an answer in today's boundaries must mention.
extension Projection {
    /// The unit a figure query names, found as `resolveUnit` finds it. In the current view a
    /// unit that has ended has no figures of its own (they count in what it became), so the
    /// query is refused with `not_current`, saying where they count and how to ask for the
    /// unit as it stood.
    func resolveFigureUnit(_ text: String, _ view: Boundaries) throws(QueryError) -> UnitIndex {
        let index = try resolveUnit(text)
        let u = units[Int(index)]
        guard view == .current, let end = lineage[u.code]?.end else { return index }
        let now = units[Int(currentUnit(index))]
        let last = Day(daysSinceEpoch: end.effectiveOn.daysSinceEpoch - 1)
        let name = lineage[u.code]?.name(on: last) ?? u.name
        let how: String
        switch end.change {
        case .merged: how = "was merged into another unit"
        case .split: how = "was split"
        case .ended: how = "ended"
        }
        let act = end.act.map { " (\($0))" } ?? ""
        throw QueryError(
            code: "not_current",
            message: "\(name) (\(u.code)) \(how) on \(end.effectiveOn)\(act): today's boundaries have no such unit, and its figures count in \(now.name) (\(now.code)); ask for \(now.code), or add \"boundaries\": \"historical\" (danvanctl --boundaries historical) for its figures as they stood",
            candidates: [unitJSON(currentUnit(index))])
    }

    /// The historical view's figures of `unit`, where they differ from the current view's.
    func historicalFigures(_ unit: UnitIndex, _ view: Boundaries) -> HistoricalFigures? {
        view == .historical ? units[Int(unit)].historical : nil
    }

    /// Communes with a model registered in `period` that lay at or under `unit` on the
    /// model's date: the historical view's count (`HistoricalCommuneIndex`).
    func historicalCommunesWithModels(under unit: UnitIndex, _ period: Period) -> Int64 {
        historicalCommunes?.communesWithModels(unit, period) ?? communesWithModels(under: unit, period)
    }

    /// Communes at or under `unit` in `view`: today's in the current view; in the historical,
    /// those under it on the last day of the period or of the unit's life (today's when both
    /// are open).
    func communes(of unit: UnitIndex, _ scope: Query.Scope) -> Int64 {
        guard viewsDiffer, scope.view == .historical, let index = historicalCommunes else { return units[Int(unit)].communes }
        let validTo = lineage[units[Int(unit)].code]?.validTo
        guard let day = [scope.period?.to, validTo].compactMap({ $0 }).min() else { return units[Int(unit)].communes }
        return index.communes(unit, on: day)
    }

    /// The units a `units` listing of `parent` shows in `view`, each with the stretches of the
    /// period it lay under `parent` (nil: the whole period): today's children in the current
    /// view; in the historical view, every unit that lay under it on some day of the period,
    /// ended ones too.
    func listedChildren(of parent: UnitIndex, _ scope: Query.Scope) -> [(unit: UnitIndex, stretches: [Period]?)] {
        guard viewsDiffer, scope.view == .historical else { return units[Int(parent)].children.map { ($0, nil) } }
        let from = scope.period?.from, to = scope.period?.to
        var out: [(unit: UnitIndex, stretches: [Period]?)] = []
        for i in units.indices {
            let code = units[i].code
            guard let h = lineage[code] else {
                if units[i].parent == parent { out.append((UnitIndex(i), nil)) }
                continue
            }
            var stretches: [Period] = []
            for span in h.parentSpans where span.parent.flatMap({ unitIndex[$0] }) == parent {
                let f = [span.from, from].compactMap { $0 }.max(), t = [span.to, to].compactMap { $0 }.min()
                if let f, let t, f > t { continue }
                stretches.append(Period(from: f, to: t))
            }
            guard !stretches.isEmpty else { continue }
            let whole = stretches.count == 1 && stretches[0].from == from && stretches[0].to == to
            out.append((UnitIndex(i), whole ? nil : stretches))
        }
        return out
    }

    /// The totals of a listed child over the stretches it lay under the parent.
    func totals(of unit: UnitIndex, _ scope: Query.Scope, stretches: [Period]?) -> Totals {
        guard let stretches else { return totals(of: unit, scope) }
        var t = Totals()
        var withModels: Int64 = 0
        for stretch in stretches {
            var s = scope
            s.period = stretch
            let part = totals(of: unit, s)
            withModels += part.communesWithModels
            t.add(part)
        }
        // A commune counts once however many stretches it had a model in.
        if units[Int(unit)].level == .commune { t.communesWithModels = min(withModels, 1) }
        return t
    }

    /// The splits whose history a figure of `unit` in today's boundaries includes for parts
    /// that lie elsewhere, or lacks for parts that lie within it: a split unit's history goes
    /// whole to its main part.
    func splitNotes(_ unit: UnitIndex?, _ view: Boundaries) -> [JSONValue] {
        guard viewsDiffer, view == .current, let unit else { return [] }
        var notes: [(Day, String, JSONValue)] = []
        for code in splitUnits {
            guard let h = lineage[code] else { continue }
            let splits = Set(h.successors.filter { $0.change == .split }.map(\.by))
            for by in splits {
                let links = h.successors.filter { $0.by == by }
                guard let first = links.first else { continue }
                let ends = h.end?.by == by
                let historyTo = ends ? (links.first(where: { $0.main })?.unit ?? code) : code
                let parts = links.map(\.unit) + (ends ? [] : [code])
                let inside = parts.filter { p in unitIndex[p].map { isWithin(currentUnit($0), unit) } ?? false }
                guard !inside.isEmpty, inside.count < parts.count else { continue }
                var o = JSONObject()
                o.put("unit", code)
                o.put("effectiveOn", first.effectiveOn)
                o.members.append(("act", first.act.map { .string($0) } ?? .null))
                o.members.append(("parts", .array(parts.sorted().map { .string($0) })))
                o.put("historyTo", historyTo)
                o.members.append(("includesHistory", .bool(inside.contains(historyTo))))
                notes.append((first.effectiveOn, code, .object(o)))
            }
        }
        return notes.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
}
