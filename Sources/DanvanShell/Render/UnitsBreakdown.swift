import DanvanClient
import DanvanDomain
import DanvanJSON

/// The rows of `units` as every format prints them: each child unit in the daemon's order,
/// then what the parent holds itself (its own events, not its children's), then the
/// parent's total; so the child and own rows add up to the total row in every figure.
///
/// The own and total rows are the daemon's (`own`, `total` of the answer), computed from the
/// same read of its figures as the children: a client that subtracted a second request's
/// total could mix two moments of the log and print a wrong own row. The provinces (no
/// parent) have no own row.
struct UnitsBreakdown {
    /// What a row is, as the `row` column of csv and the `row` member of ndjson say.
    enum Kind: String {
        /// A child unit (with everything under it).
        case unit
        /// What the parent holds itself.
        case own
        /// The parent's total: the sum of the rows above it.
        case total
    }

    /// One row: its kind, its unit (`{code, name, level, parent}`, null for the total
    /// of all provinces) and its figures as `summary` has them.
    struct Row {
        var kind: Kind
        var unit: JSONValue
        var figures: JSONObject
        /// The daemon's notes on splits this row's figures are affected by (protocol.md,
        /// "Boundaries"), printed under a table.
        var splits: JSONValue? = nil
    }

    /// The parent unit, null for the provinces.
    var parent: JSONValue
    /// The year asked, null for all years.
    var year: JSONValue
    /// The period and answer day asked, if any.
    var scope: FigureRecord.Scope
    /// Children, own (with a parent), total.
    var rows: [Row]

    /// The rows of a `units` answer. A daemon before 2026-12-07 sent no `own` and `total`:
    /// its answer gives the children alone.
    init(units r: JSONValue) {
        parent = r["parent"] ?? .null
        year = r["year"] ?? .null
        scope = FigureRecord.Scope(r)
        rows = (r["units"]?.arrayValue ?? []).map {
            Row(kind: .unit, unit: $0["unit"] ?? .null, figures: Self.figures(of: $0), splits: $0["splits"])
        }
        if case .object(let own)? = r["own"] { rows.append(Row(kind: .own, unit: parent, figures: own)) }
        if case .object(let total)? = r["total"] { rows.append(Row(kind: .total, unit: parent, figures: total)) }
    }

    /// The figures of a `summary` or of a row of `units`: every member but the unit and
    /// what the answer covers (year, period, answer day).
    static func figures(of value: JSONValue) -> JSONObject {
        guard case .object(let o) = value else { return JSONObject() }
        var out = JSONObject()
        for (key, member) in o.members where !FigureRecord.Scope.keys.contains(key) { out.members.append((key, member)) }
        return out
    }

    /// One row as csv and ndjson print it: `row`, the unit (its four members, null for
    /// none), `year`, then the figures in `summary`'s order.
    func record(_ row: Row) -> JSONValue {
        FigureRecord.object(row: row.kind.rawValue, unit: row.unit, year: year, scope: scope, figures: row.figures)
    }

    /// What the answer covers, for the table's heading (`Cell.scope`).
    var scopeText: String {
        var o = JSONObject()
        o.members.append(("year", year))
        if let p = scope.period { o.members.append(("period", p)) }
        if let a = scope.answeredBy { o.members.append(("answeredBy", a)) }
        if let b = scope.boundaries { o.members.append(("boundaries", b)) }
        return Cell.scope(.object(o))
    }

    /// Every row as csv and ndjson print them.
    var records: [JSONValue] { rows.map(record) }
}
