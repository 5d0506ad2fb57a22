import DanvanJSON

extension Projection {
    /// The unit a listing is of and the units it lists: `parent`'s children, or the
    /// provinces without one (`units`, `tree`).
    func listing(under parent: String?) throws(QueryError) -> (parent: UnitIndex?, list: [UnitIndex]) {
        guard let parent else { return (nil, roots) }
        let p = try resolveUnit(parent)
        return (p, units[Int(p)].children)
    }

    /// `listing(under:)` for a figure query in `scope`'s view: the provinces of that view,
    /// or the children `listedChildren` finds, each with the stretches it lay under the parent.
    func figureListing(under parent: String?, _ scope: Query.Scope) throws(QueryError) -> (parent: UnitIndex?, list: [(unit: UnitIndex, stretches: [Period]?)]) {
        guard let parent else {
            let list = scope.view == .current ? roots.filter { !hasEnded($0) } : roots
            return (nil, list.map { ($0, nil) })
        }
        let p = try resolveFigureUnit(parent, scope.view)
        return (p, listedChildren(of: p, scope))
    }

    /// The `units` answer before it is written: the children in listing order with their
    /// totals, then what the parent holds itself and its total, all from one read of the
    /// projection, so the rows add up to the total exactly, whatever is appended meanwhile
    /// (a client that asked a second time for the total could not promise that).
    struct UnitsAnswer {
        var parent: UnitIndex?
        var rows: [(unit: UnitIndex, totals: Totals, communes: Int64)]
        /// The parent's own figures (its total minus its children's), nil for the provinces.
        var own: (totals: Totals, communes: Int64)?
        var total: (totals: Totals, communes: Int64)
    }

    func unitsAnswer(of parent: String?, scope: Query.Scope) throws(QueryError) -> UnitsAnswer {
        let (p, list) = try figureListing(under: parent, scope)
        let stretches = Dictionary(list.map { ($0.unit, $0.stretches) }, uniquingKeysWith: { a, _ in a })
        let rows = sortedForListing(list.map(\.unit)).map { u -> (unit: UnitIndex, totals: Totals, communes: Int64) in
            (unit: u, totals: totals(of: u, scope, stretches: stretches[u] ?? nil), communes: self.communes(of: u, scope))
        }
        guard let p else {
            let (t, communes) = rootTotals(scope)
            return UnitsAnswer(parent: nil, rows: rows, own: nil, total: (t, communes))
        }
        let communes = self.communes(of: p, scope)
        let total = totals(of: p, scope)
        var own = total
        var ownCommunes = communes
        for row in rows {
            own.add(row.totals, sign: -1)
            ownCommunes -= row.communes
        }
        return UnitsAnswer(parent: p, rows: rows, own: (own, ownCommunes), total: (total, communes))
    }

    /// `units` as a `JSONValue`.
    func children(of parent: String?, scope: Query.Scope) throws(QueryError) -> JSONValue {
        let a = try unitsAnswer(of: parent, scope: scope)
        var o = JSONObject()
        o.members.append(("parent", a.parent.map(unitJSON) ?? .null))
        scope.echo(into: &o)
        let rows: [JSONValue] = a.rows.map { row in
            var r = JSONObject()
            r.members.append(("unit", unitJSON(row.unit)))
            r.members.append(contentsOf: row.totals.json(communes: row.communes).members)
            let notes = splitNotes(row.unit, scope.view)
            if !notes.isEmpty { r.members.append(("splits", .array(notes))) }
            return .object(r)
        }
        o.members.append(("units", .array(rows)))
        o.members.append(("own", a.own.map { .object($0.totals.json(communes: $0.communes)) } ?? .null))
        o.members.append(("total", .object(a.total.totals.json(communes: a.total.communes))))
        return .object(o)
    }

    /// `children(of:scope:)` written as bytes.
    func writeChildren(of parent: String?, scope: Query.Scope, into out: inout [UInt8]) throws(QueryError) {
        let a = try unitsAnswer(of: parent, scope: scope)
        // About 700 bytes a unit: grown once rather than doubling through the listing.
        out.reserveCapacity(out.count + 1792 + a.rows.count * 768)
        out.append(contentsOf: #"{"parent":"#.utf8)
        JSONWriter.write(a.parent.map(unitJSON) ?? .null, into: &out)
        scope.writeEcho(into: &out)
        out.append(contentsOf: #","units":["#.utf8)
        for (n, row) in a.rows.enumerated() {
            out.append(contentsOf: n == 0 ? #"{"unit":"#.utf8 : #",{"unit":"#.utf8)
            JSONWriter.write(unitJSON(row.unit), into: &out)
            out.append(UInt8(ascii: ","))
            row.totals.writeJSONMembers(communes: row.communes, into: &out)
            let notes = splitNotes(row.unit, scope.view)
            if !notes.isEmpty {
                out.append(contentsOf: #","splits":"#.utf8)
                JSONWriter.write(.array(notes), into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"],"own":"#.utf8)
        if let own = a.own {
            out.append(UInt8(ascii: "{"))
            own.totals.writeJSONMembers(communes: own.communes, into: &out)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: #","total":{"#.utf8)
        a.total.totals.writeJSONMembers(communes: a.total.communes, into: &out)
        out.append(contentsOf: "}}".utf8)
    }
}
