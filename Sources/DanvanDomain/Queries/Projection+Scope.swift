extension Projection {
    /// The figures of `unit` (with its descendants) for `scope`: its series over the period,
    /// with the two figures that are not sums of events worked out for it.
    ///
    /// The node is read in place, never bound to a local: a copy of a `UnitNode` retains and
    /// releases each of its arrays, which halved the rate of `units` from 8 clients.
    func totals(of unit: UnitIndex, _ scope: Query.Scope) -> Totals {
        if viewsDiffer, scope.view == .historical, let h = units[Int(unit)].historical {
            var t = h.figures.totals(scope.period)
            if let period = scope.period, period.from != nil || period.to != nil {
                t.communesWithModels = historicalCommunesWithModels(under: unit, period)
            }
            if let by = scope.answeredBy { t.opinionsAnswered = h.answers.count(scope.period, by: by) }
            return t
        }
        var t = units[Int(unit)].figures.totals(scope.period)
        if let period = scope.period, period.from != nil || period.to != nil {
            t.communesWithModels = viewsDiffer && scope.view == .historical
                ? historicalCommunesWithModels(under: unit, period) : communesWithModels(under: unit, period)
        }
        if let by = scope.answeredBy {
            t.opinionsAnswered = units[Int(unit)].answers.count(scope.period, by: by)
        }
        return t
    }

    /// Communes at or under `unit` with a model registered in `period`: each commune's model
    /// days are searched, so the cost is the number of communes, not of models.
    func communesWithModels(under unit: UnitIndex, _ period: Period) -> Int64 {
        let lo = period.from?.daysSinceEpoch ?? Int32.min
        let hi = period.to?.daysSinceEpoch ?? Int32.max
        var n: Int64 = 0
        var stack: [UnitIndex] = [unit]
        while let u = stack.popLast() {
            let level = units[Int(u)].level
            if level == .commune {
                let i = Projection.firstIndex(in: units[Int(u)].modelDays, atOrAfter: lo)
                if i < units[Int(u)].modelDays.count, units[Int(u)].modelDays[i] <= hi { n += 1 }
                continue
            }
            if level < .commune { stack.append(contentsOf: units[Int(u)].children) }
        }
        return n
    }

    /// The totals of all root units together for `scope`, and their communes: the same sum
    /// in both views.
    func rootTotals(_ scope: Query.Scope) -> (Totals, Int64) {
        var t = Totals()
        var communes: Int64 = 0
        for r in roots {
            // Today's boundaries hold no province that has ended: its figures count in what it became.
            if scope.view == .current, hasEnded(r) { continue }
            t.add(totals(of: r, scope))
            communes += self.communes(of: r, scope)
        }
        return (t, communes)
    }
}

extension Projection.CampaignState {
    /// Whether the campaign was running on some day of `period`: started by its end and not
    /// closed before its start.
    func ran(in period: Period) -> Bool {
        if let to = period.to, launched.startedOn > to { return false }
        if let from = period.from, let closed = closedOn, closed < from { return false }
        return true
    }
}
