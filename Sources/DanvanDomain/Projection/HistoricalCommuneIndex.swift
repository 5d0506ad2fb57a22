/// The historical view's two figures that are not sums of events, `models.communes` and
/// `models.communesWithModels`, kept ready per unit once units have changed, so that a query
/// reads them instead of walking every commune's or every model's chain of the time.
///
/// Both change only at the days units change and with the models, so `settle` works them out
/// (and a snapshot load, from the state it restores); nothing here is written to a snapshot.
struct HistoricalCommuneIndex: Sendable, Equatable {
    /// From `from` on (until the next step), `count` communes lay at or under the unit.
    struct Step: Sendable, Equatable {
        var from: Int32
        var count: Int64
    }

    /// A model registered on `day` in `commune` (as it stood that day).
    struct ModelDay: Sendable, Equatable, Comparable {
        var day: Int32
        var commune: Projection.UnitIndex

        static func < (a: ModelDay, b: ModelDay) -> Bool { (a.day, a.commune) < (b.day, b.commune) }
    }

    /// Per unit: its communes by day, in steps ascending by `from` (the first from `Int32.min`).
    var communeSteps: [[Step]] = []
    /// Per unit: every model of a commune that lay at or under it on the model's day, by day.
    var modelDays: [[ModelDay]] = []

    /// The communes at or under `unit` on `day`.
    func communes(_ unit: Projection.UnitIndex, on day: Day) -> Int64 {
        let steps = communeSteps[Int(unit)]
        var lo = 0, hi = steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if steps[mid].from <= day.daysSinceEpoch { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : steps[lo - 1].count
    }

    /// The communes that had a model registered in `period` while they lay at or under `unit`.
    func communesWithModels(_ unit: Projection.UnitIndex, _ period: Period) -> Int64 {
        let days = modelDays[Int(unit)]
        let lo = period.from?.daysSinceEpoch ?? Int32.min
        let hi = period.to?.daysSinceEpoch ?? Int32.max
        var i = days.lowerBound(of: ModelDay(day: lo, commune: 0))
        var communes: [Projection.UnitIndex] = []
        while i < days.count, days[i].day <= hi {
            communes.append(days[i].commune)
            i += 1
        }
        communes.sort()
        var n: Int64 = 0
        for (k, c) in communes.enumerated() where k == 0 || communes[k - 1] != c { n += 1 }
        return n
    }
}

extension Projection {
    /// Works the index out from the lineage and the models (`settle`, a snapshot load), and
    /// the list of split units beside it.
    mutating func indexHistoricalCommunes() {
        let n = units.count
        var index = HistoricalCommuneIndex()
        // The days the tree of the time can change: every start, end and move.
        var changes = Set<Int32>()
        for h in lineage.histories.values {
            if let f = h.validFrom { changes.insert(f.daysSinceEpoch) }
            if let t = h.validTo { changes.insert(t.daysSinceEpoch + 1) }
            for span in h.parentSpans {
                if let f = span.from { changes.insert(f.daysSinceEpoch) }
                if let t = span.to { changes.insert(t.daysSinceEpoch + 1) }
            }
        }
        let days = changes.sorted()
        index.communeSteps = [[HistoricalCommuneIndex.Step]](repeating: [], count: n)
        let communes = units.indices.filter { units[$0].level == .commune }
        // Before the first change, then from each change on.
        let starts = [Int32.min] + days
        for (k, start) in starts.enumerated() {
            let day = Day(daysSinceEpoch: k == 0 ? (days.first ?? 1) - 1 : start)
            var counts = [Int64](repeating: 0, count: n)
            for i in communes where lineage.exists(units[i].code, on: day) {
                for c in historicalChain(Projection.UnitIndex(i), on: day) { counts[Int(c)] += 1 }
            }
            for u in 0..<n where index.communeSteps[u].last?.count != counts[u] {
                index.communeSteps[u].append(.init(from: start, count: counts[u]))
            }
        }
        index.modelDays = [[HistoricalCommuneIndex.ModelDay]](repeating: [], count: n)
        for m in models.values {
            let day = m.model.registeredOn
            guard let commune = historicalCommune(m.unit, on: day) else { continue }
            for a in historicalChain(commune, on: day) {
                index.modelDays[Int(a)].append(.init(day: day.daysSinceEpoch, commune: commune))
            }
        }
        for u in 0..<n where index.modelDays[u].count > 1 { index.modelDays[u].sort() }
        historicalCommunes = index
        splitUnits = lineage.histories.filter { $0.value.successors.contains { $0.change == .split } }.keys.sorted()
    }
}
