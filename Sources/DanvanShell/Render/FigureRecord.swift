import DanvanJSON

/// The shape csv and ndjson give a row of figures (`summary`, each row of `units`), so
/// the two share their columns: `row` (for `units`), the unit's `code`, `name`, `level`
/// and `parent` (empty for all provinces, not one `unit` column), `year` (empty for all
/// years), `from` and `to` (the days covered, when a period was asked), `answeredBy` and
/// `boundaries` (when asked), then the figures in the protocol's order. A `splits` note is
/// not a figure: the table prints it under the figures, csv and ndjson leave it out.
enum FigureRecord {
    /// The members of a unit, in the protocol's order.
    static let unitMembers = ["code", "name", "level", "parent"]

    /// A row of figures.
    static func object(row: String?, unit: JSONValue, year: JSONValue, scope: Scope = Scope(), figures: JSONObject) -> JSONValue {
        var o = JSONObject()
        if let row { o.members.append(("row", .string(row))) }
        var u = JSONObject()
        for key in unitMembers { u.members.append((key, unit[key] ?? .null)) }
        o.members.append(("unit", .object(u)))
        o.members.append(("year", year))
        if let period = scope.period {
            o.members.append(("from", period["from"] ?? .null))
            o.members.append(("to", period["to"] ?? .null))
        }
        if let by = scope.answeredBy { o.members.append(("answeredBy", by)) }
        if let view = scope.boundaries { o.members.append(("boundaries", view)) }
        o.members.append(contentsOf: figures.members)
        return .object(o)
    }

    /// A `summary` result in that shape.
    static func summary(_ r: JSONValue) -> JSONValue {
        object(row: nil, unit: r["unit"] ?? .null, year: r["year"] ?? .null, scope: Scope(r), figures: UnitsBreakdown.figures(of: r))
    }

    /// What an answer says it covers besides its year: `period`, `answeredBy` and
    /// `boundaries`.
    struct Scope {
        var period: JSONValue?
        var answeredBy: JSONValue?
        var boundaries: JSONValue?

        init() {}

        init(_ r: JSONValue) {
            period = r["period"]
            answeredBy = r["answeredBy"]
            boundaries = r["boundaries"]
        }

        /// The members that are the scope, not figures.
        static let keys: Set<String> = ["unit", "year", "period", "answeredBy", "boundaries", "splits"]
    }
}
