import DanvanJSON

/// The shape csv and ndjson give a row of figures (`summary`, each row of `units`), so
/// the two share their columns: `row` (for `units`), the unit's `code`, `name`, `level`
/// and `parent` (empty for all provinces, not one `unit` column), `year` (empty for all
/// years), then the figures in the protocol's order.
enum FigureRecord {
    /// The members of a unit, in the protocol's order.
    static let unitMembers = ["code", "name", "level", "parent"]

    /// A row of figures.
    static func object(row: String?, unit: JSONValue, year: JSONValue, figures: JSONObject) -> JSONValue {
        var o = JSONObject()
        if let row { o.members.append(("row", .string(row))) }
        var u = JSONObject()
        for key in unitMembers { u.members.append((key, unit[key] ?? .null)) }
        o.members.append(("unit", .object(u)))
        o.members.append(("year", year))
        o.members.append(contentsOf: figures.members)
        return .object(o)
    }

    /// A `summary` result in that shape.
    static func summary(_ r: JSONValue) -> JSONValue {
        object(row: nil, unit: r["unit"] ?? .null, year: r["year"] ?? .null, figures: UnitsBreakdown.figures(of: r))
    }
}
