extension Projection {
    /// Applies (sign 1) or takes back (sign −1, its void) a unit event of catalogue 2.
    ///
    /// The lineage (`UnitLineage`, the same that the registry validates with) records it, and
    /// the unit tree is brought to the current view's names and structure: a renamed unit
    /// takes its name as of the latest rename (with its folded, bare and sorting forms), a
    /// moved unit hangs under its parent as of the latest move, and a unit that has ended
    /// leaves its parent's `children` (it keeps its `parent`, so the figures recorded under it
    /// still count where they counted in the historical view; a province that ends stays
    /// among `roots` for the same reason). A change that reshapes the tree leaves the
    /// projection unsettled: `settle()` adds the figures up again in both views.
    mutating func applyUnitChange(_ data: EventData, id: EventID, sign: Int64) {
        let reshapes: Bool
        switch data {
        case .unitMoved, .unitMerged, .unitSplit, .unitEnded: reshapes = true
        default: reshapes = false
        }
        // Before the tree changes: the views part here (`Projection+Boundaries.swift`).
        if reshapes { splitViews() }
        if case .unitMoved(let e) = data, sign > 0, let parent = unitIndex[e.parent] { keepOwn(parent) }
        if sign > 0 {
            lineage.record(data, id: id, current: { code in
                self.unitIndex[code].map { (self.units[Int($0)].name, self.units[Int($0)].parent.map { self.units[Int($0)].code }) }
            })
        } else {
            lineage.forget(data, id: id)
        }
        for code in UnitLineage.touched(by: data) { syncNode(code) }
        if reshapes { unsettled = true }
    }

    /// Sets the node of `code` to its history's current name, parent and liveness.
    private mutating func syncNode(_ code: String) {
        guard let index = unitIndex[code], let history = lineage[code] else { return }
        let i = Int(index)
        let name = history.currentName
        if units[i].name != name {
            units[i].name = name
            units[i].folded = Text.fold(name)
            units[i].bareFolded = UnitNameQuery.bareFolded(name)
            units[i].nameOrder = VietnameseOrder(name)
        }
        let parent = history.currentParent.flatMap { unitIndex[$0] }
        if let old = units[i].parent { units[Int(old)].children.removeAll { $0 == index } }
        units[i].parent = parent
        guard history.end == nil, let parent else { return }
        // Children stay in registration order, as `registerUnit` appends them.
        let siblings = units[Int(parent)].children
        units[Int(parent)].children.insert(index, at: siblings.firstIndex(where: { $0 > index }) ?? siblings.endIndex)
    }

    /// Whether the unit has ended (in the tree after every recorded change).
    public func hasEnded(_ index: UnitIndex) -> Bool {
        lineage.hasEnded(units[Int(index)].code)
    }
}
