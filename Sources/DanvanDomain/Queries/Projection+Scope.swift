extension Projection {
    /// The figures of `unit` (with its descendants) for `scope`: its series over the period,
    /// with the two figures that are not sums of events worked out for it.
    func totals(of unit: UnitIndex, _ scope: Query.Scope) -> Totals {
        let node = units[Int(unit)]
        var t = node.figures.totals(scope.period)
        if let period = scope.period, period.from != nil || period.to != nil {
            t.communesWithModels = communesWithModels(under: unit, period)
        }
        if let by = scope.answeredBy {
            t.opinionsAnswered = node.answers.count(scope.period, by: by)
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
            let node = units[Int(u)]
            if node.level == .commune {
                let i = Projection.firstIndex(in: node.modelDays, atOrAfter: lo)
                if i < node.modelDays.count, node.modelDays[i] <= hi { n += 1 }
                continue
            }
            if node.level < .commune { stack.append(contentsOf: node.children) }
        }
        return n
    }

    /// The totals of all root units together for `scope`, and their communes.
    func rootTotals(_ scope: Query.Scope) -> (Totals, Int64) {
        var t = Totals()
        var communes: Int64 = 0
        for r in roots {
            t.add(totals(of: r, scope))
            communes += units[Int(r)].communes
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
