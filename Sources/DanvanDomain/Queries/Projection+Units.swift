import DanvanJSON

extension Projection {
    /// The unit a listing is of and the units it lists: `parent`'s children, or the
    /// provinces without one (`units`, `tree`).
    func listing(under parent: String?) throws(QueryError) -> (parent: UnitIndex?, list: [UnitIndex]) {
        guard let parent else { return (nil, roots) }
        let p = try resolveUnit(parent)
        return (p, units[Int(p)].children)
    }

    /// The `units` answer before it is written: the children in listing order with their
    /// totals, then what the parent holds itself and its total, all from one read of the
    /// projection, so the rows add up to the total exactly, whatever is appended meanwhile
    /// (a client that asked a second time for the total could not promise that).
    struct UnitsAnswer {
        var parent: UnitIndex?
        var rows: [(unit: UnitIndex, totals: Totals)]
        /// The parent's own figures (its total minus its children's), nil for the provinces.
        var own: (totals: Totals, communes: Int64)?
        var total: (totals: Totals, communes: Int64)
    }

    func unitsAnswer(of parent: String?, scope: Query.Scope) throws(QueryError) -> UnitsAnswer {
        let (p, list) = try listing(under: parent)
        let rows = sortedForListing(list).map { (unit: $0, totals: totals(of: $0, scope)) }
        guard let p else {
            let (t, communes) = rootTotals(scope)
            return UnitsAnswer(parent: nil, rows: rows, own: nil, total: (t, communes))
        }
        let communes = units[Int(p)].communes
        let total = totals(of: p, scope)
        var own = total
        var ownCommunes = communes
        for row in rows {
            own.add(row.totals, sign: -1)
            ownCommunes -= units[Int(row.unit)].communes
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
            r.members.append(contentsOf: row.totals.json(communes: units[Int(row.unit)].communes).members)
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
            row.totals.writeJSONMembers(communes: units[Int(row.unit)].communes, into: &out)
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
