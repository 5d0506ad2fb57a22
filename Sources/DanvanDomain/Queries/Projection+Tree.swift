import DanvanJSON

extension Projection {
    /// The `tree` projection: the units under `unit` (every unit without one), as an outline
    /// with no figures, for tools that list or pick units (a report's rows, a completion list).
    ///
    /// Depth first, each unit's children in Vietnamese alphabetical order, so the list reads as
    /// the hierarchy does; `depth` counts from the unit asked (its children are 1, provinces are
    /// 1 without a unit) and limits how far down the list goes.
    func tree(under unit: String?, depth: Int?) throws(QueryError) -> JSONValue {
        let (parent, top) = try listing(under: unit)
        let root = parent.map(unitJSON) ?? .null
        var rows: [JSONValue] = []
        var stack: [(UnitIndex, Int)] = sortedForListing(top).reversed().map { ($0, 1) }
        while let (index, level) = stack.popLast() {
            guard case .object(var o) = unitJSON(index) else { continue }
            o.members.append(("depth", .int(level)))
            o.members.append(("children", .int(units[Int(index)].children.count)))
            rows.append(.object(o))
            if depth.map({ level < $0 }) ?? true {
                stack.append(contentsOf: sortedForListing(units[Int(index)].children).reversed().map { ($0, level + 1) })
            }
        }
        return ["unit": root, "count": .int(rows.count), "units": .array(rows)]
    }
}
