/// The two boundaries views of every figure, once units have changed.
///
/// A fact names a unit and has a date. In the **historical** view it counts for that unit and
/// for the unit's ancestors as they stood on its date (Bảo Yên district's 2023 figures stay
/// what its 2023 report said after the district ended). In the **current** view it counts for
/// what its unit became (`currentUnit`: the unit a merge went into, a split's `main` part, or
/// for a unit that simply ended, what its parent became) and that unit's ancestors in the
/// tree after every recorded change. In a log where no unit has moved, merged, split or
/// ended both chains are the parent chain, and nothing here runs.
///
/// The first such change splits the projection (`splitViews`): each unit that has units under
/// it keeps the facts that name it itself (`UnitNode.own`), the ground truth both views are
/// added up from. Each later fact is then added along both of its chains (`updateViews`); a
/// unit's historical figures are kept apart (`UnitNode.historical`) only where they differ.
/// A change of units, applied or voided, leaves the projection `unsettled`: facts meanwhile
/// only add to their unit's own figures, and `settle()` adds every unit's own facts up again
/// along the chains of the new lineage, once for a whole batch (a resolution's dozens of
/// changes) rather than once per change.
extension Projection {
    /// At most this many steps up a chain: levels strictly rise, so a real chain is at most
    /// four long; the bound only guards against a state validation could not have produced.
    static let chainLimit = 8

    // MARK: - Chains

    /// What `unit` became in the tree after every change: itself while it has not ended;
    /// else what the unit its merge went into became, its split's main part, or for a unit
    /// that ended without successor, what its parent of its last day became.
    func currentUnit(_ unit: UnitIndex) -> UnitIndex {
        var u = unit
        for _ in 0..<Self.chainLimit {
            let code = units[Int(u)].code
            guard let h = lineage[code], let end = h.end else { return u }
            let next: String?
            switch end.change {
            case .merged: next = h.successors.first(where: { $0.by == end.by })?.unit
            case .split: next = h.successors.first(where: { $0.by == end.by && $0.main })?.unit
            case .ended: next = h.parent(on: Day(daysSinceEpoch: end.effectiveOn.daysSinceEpoch - 1))
            }
            guard let next, let i = unitIndex[next] else { return u }
            u = i
        }
        return u
    }

    /// `currentUnit(unit)` and its ancestors today.
    func currentChain(_ unit: UnitIndex) -> [UnitIndex] {
        var chain: [UnitIndex] = []
        var current: UnitIndex? = currentUnit(unit)
        while let c = current, chain.count < Self.chainLimit {
            chain.append(c)
            current = units[Int(c)].parent
        }
        return chain
    }

    /// The parent of `unit` on `day` (by the last move not after it; before its life or after
    /// it, the parent of its first or last day).
    func historicalParent(_ unit: UnitIndex, on day: Day) -> UnitIndex? {
        let code = units[Int(unit)].code
        guard let h = lineage[code] else { return units[Int(unit)].parent }
        return h.parent(on: day).flatMap { unitIndex[$0] }
    }

    /// `unit` and its ancestors as they stood on `day`.
    func historicalChain(_ unit: UnitIndex, on day: Day) -> [UnitIndex] {
        var chain: [UnitIndex] = []
        var current: UnitIndex? = unit
        while let c = current, chain.count < Self.chainLimit {
            chain.append(c)
            current = historicalParent(c, on: day)
        }
        return chain
    }

    /// The stretches of days (from, to; nil: open) within `from...to` over which `unit`'s
    /// historical chain stays the same, with that chain: where a fact of each stretch counts.
    func historicalSegments(_ unit: UnitIndex, from: Day? = nil, to: Day? = nil, depth: Int = 0) -> [(from: Day?, to: Day?, chain: [UnitIndex])] {
        let code = units[Int(unit)].code
        var spans: [(from: Day?, to: Day?, parent: UnitIndex?)]
        if let h = lineage[code] {
            spans = h.parentSpans.map { ($0.from, $0.to, $0.parent.flatMap { unitIndex[$0] }) }
            if spans.isEmpty { spans = [(nil, nil, h.currentParent.flatMap { unitIndex[$0] })] }
            // Facts outside the unit's life (a log may hold them from before a change was
            // recorded) count under the parent of its first or last day.
            spans[0].from = nil
            spans[spans.count - 1].to = nil
        } else {
            spans = [(nil, nil, units[Int(unit)].parent)]
        }
        var out: [(from: Day?, to: Day?, chain: [UnitIndex])] = []
        for span in spans {
            let f = Self.later(span.from, from), t = Self.earlier(span.to, to)
            if let f, let t, f > t { continue }
            guard let parent = span.parent, depth < Self.chainLimit else {
                out.append((f, t, [unit]))
                continue
            }
            for seg in historicalSegments(parent, from: f, to: t, depth: depth + 1) {
                out.append((seg.from, seg.to, [unit] + seg.chain))
            }
        }
        return out
    }

    private static func later(_ a: Day?, _ b: Day?) -> Day? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    private static func earlier(_ a: Day?, _ b: Day?) -> Day? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    /// The commune a unit lay in on `day`: itself, or the nearest commune of its chain then.
    func historicalCommune(_ unit: UnitIndex, on day: Day) -> UnitIndex? {
        for c in historicalChain(unit, on: day) {
            if units[Int(c)].level == .commune { return c }
            if units[Int(c)].level < .commune { return nil }
        }
        return nil
    }

    /// True when `unit` is `ancestor` or lies under it, in `view` (on `day` for the historical).
    func isWithin(_ unit: UnitIndex, _ ancestor: UnitIndex, on day: Day, _ view: Boundaries) -> Bool {
        guard viewsDiffer else { return isWithin(unit, ancestor) }
        switch view {
        case .current: return isWithin(currentUnit(unit), ancestor)
        case .historical: return historicalChain(unit, on: day).contains(ancestor)
        }
    }

    // MARK: - Keeping both views

    /// The facts of `unit` itself: its own series, or its historical figures when it has no
    /// units under it.
    func ownFigures(_ unit: UnitIndex) -> FigureSeries {
        let u = units[Int(unit)]
        return u.own ?? u.historical?.figures ?? u.figures
    }

    /// Gives `unit` its own series before a unit comes under it (while it has none, its
    /// historical figures are its own facts).
    mutating func keepOwn(_ unit: UnitIndex) {
        guard viewsDiffer, units[Int(unit)].own == nil else { return }
        units[Int(unit)].own = ownFigures(unit)
    }

    /// The first move, merge, split or end: every unit with units under it keeps its own facts
    /// (its figures less its children's: the tree has not changed yet, so that is exact).
    mutating func splitViews() {
        guard !viewsDiffer else { return }
        for i in units.indices where !units[i].children.isEmpty {
            var own = units[i].figures
            for c in units[i].children { own.add(units[Int(c)].figures, sign: -1) }
            units[i].own = own.normalized()
        }
        viewsDiffer = true
    }

    /// A node's historical figures, copied from the current ones the first time they differ.
    private mutating func detach(_ unit: UnitIndex) {
        let i = Int(unit)
        if units[i].historical == nil {
            units[i].historical = HistoricalFigures(figures: units[i].figures, answers: units[i].answers)
        }
    }

    /// `update` once the views differ: the fact adds to its unit's own facts, then along its
    /// current and its historical chain (once where they meet).
    mutating func updateViews(_ unit: UnitIndex, _ delta: borrowing FigureDelta) {
        if unsettled {
            keepOwnWhileUnsettled(unit)
            units[Int(unit)].own?.add(delta)
            return
        }
        units[Int(unit)].own?.add(delta)
        let current = currentChain(unit)
        let historical = historicalChain(unit, on: delta.day)
        for c in current {
            if historical.contains(c) {
                units[Int(c)].figures.add(delta)
                units[Int(c)].historical?.figures.add(delta)
            } else {
                detach(c)
                units[Int(c)].figures.add(delta)
            }
        }
        for h in historical where !current.contains(h) {
            detach(h)
            units[Int(h)].historical?.figures.add(delta)
        }
    }

    /// While unsettled every fact goes to its unit's own series, which `settle` adds up.
    private mutating func keepOwnWhileUnsettled(_ unit: UnitIndex) {
        if units[Int(unit)].own == nil { units[Int(unit)].own = ownFigures(unit) }
    }

    /// `updateAnswers` once the views differ.
    mutating func updateAnswerViews(_ unit: UnitIndex, held: Day, answered: Day, sign: Int64) {
        guard !unsettled else { return }  // `settle` counts them from the dialogues
        let current = currentChain(unit)
        let historical = historicalChain(unit, on: held)
        for c in current {
            if historical.contains(c) {
                units[Int(c)].answers.update(held: held, answered: answered, sign: sign)
                units[Int(c)].historical?.answers.update(held: held, answered: answered, sign: sign)
            } else {
                detach(c)
                units[Int(c)].answers.update(held: held, answered: answered, sign: sign)
            }
        }
        for h in historical where !current.contains(h) {
            detach(h)
            units[Int(h)].historical?.answers.update(held: held, answered: answered, sign: sign)
        }
    }

    // MARK: - Settling

    /// Works both views out again from every unit's own facts, the dialogues and the models,
    /// after changes of units (the engine calls it once per committed batch, a replay once at
    /// its end); after models alone, only their communes. Nothing to do when settled.
    public mutating func settle() {
        guard unsettled else {
            if modelsUnsettled { settleModels() }
            return
        }
        unsettled = false
        let n = units.count
        let owns = (0..<n).map { ownFigures(UnitIndex($0)) }
        var current = [FigureSeries](repeating: FigureSeries(), count: n)
        var historical = current
        for u in 0..<n where !owns[u].halfKeys.isEmpty {
            for c in currentChain(UnitIndex(u)) { current[Int(c)].add(owns[u]) }
            for seg in historicalSegments(UnitIndex(u)) {
                for c in seg.chain { historical[Int(c)].add(owns[u], from: seg.from, to: seg.to) }
            }
        }
        // Answers, from the dialogues in the order they were held.
        var currentAnswers = [AnswerLedger](repeating: AnswerLedger(), count: n)
        var historicalAnswers = currentAnswers
        for d in dialogues.values.sorted(by: { $0.order < $1.order }) {
            let cur = currentChain(d.unit), his = historicalChain(d.unit, on: d.heldOn)
            for op in d.opinions {
                guard let on = op.answeredOn else { continue }
                for c in cur { currentAnswers[Int(c)].update(held: d.heldOn, answered: on, sign: 1) }
                for c in his { historicalAnswers[Int(c)].update(held: d.heldOn, answered: on, sign: 1) }
            }
        }
        var communes = [Int64](repeating: 0, count: n)
        for i in 0..<n where units[i].level == .commune && !lineage.hasEnded(units[i].code) {
            for c in currentChain(UnitIndex(i)) { communes[Int(c)] += 1 }
        }
        // Who has or had units under it keeps its own facts.
        var parents = Set<Int>()
        for i in 0..<n {
            if let p = units[i].parent { parents.insert(Int(p)) }
            for span in lineage[units[i].code]?.parentSpans ?? [] {
                if let p = span.parent.flatMap({ unitIndex[$0] }) { parents.insert(Int(p)) }
            }
        }
        for i in 0..<n {
            units[i].figures = current[i]
            units[i].answers = currentAnswers[i]
            units[i].communes = communes[i]
            let same = historical[i] == current[i] && historicalAnswers[i] == currentAnswers[i]
            units[i].historical = same ? nil : HistoricalFigures(figures: historical[i], answers: historicalAnswers[i])
            units[i].own = parents.contains(i) ? owns[i].normalized() : nil
        }
        settleModels()
    }

    /// Counts each unit's communes with models again in both views: a model counts for the
    /// commune it lay in on its date (historical) and for what that commune became (current).
    mutating func settleModels() {
        modelsUnsettled = false
        let n = units.count
        var modelCount = [Int64](repeating: 0, count: n)
        var modelDays = [[Int32]](repeating: [], count: n)
        var communesThen: [UnitIndex: Set<UnitIndex>] = [:]
        for m in models.values {
            let day = m.model.registeredOn
            if let c = communeOf(currentUnit(m.unit)) {
                modelCount[Int(c)] += 1
                modelDays[Int(c)].append(day.daysSinceEpoch)
            }
            if let hc = historicalCommune(m.unit, on: day) {
                for a in historicalChain(hc, on: day) { communesThen[a, default: []].insert(hc) }
            }
        }
        var withModels = [Int64](repeating: 0, count: n)
        for i in 0..<n where units[i].level == .commune && modelCount[i] > 0 && !lineage.hasEnded(units[i].code) {
            for c in currentChain(UnitIndex(i)) { withModels[Int(c)] += 1 }
        }
        for i in 0..<n {
            units[i].modelCountAll = modelCount[i]
            units[i].modelDays = modelDays[i].sorted()
            units[i].figures.all.communesWithModels = withModels[i]
            let historical = Int64(communesThen[UnitIndex(i)]?.count ?? 0)
            if units[i].historical == nil, historical != withModels[i] { detach(UnitIndex(i)) }
            units[i].historical?.figures.all.communesWithModels = historical
        }
        indexHistoricalCommunes()
    }
}
