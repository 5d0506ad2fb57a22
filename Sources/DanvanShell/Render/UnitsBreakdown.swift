import DanvanClient
import DanvanDomain
import DanvanJSON

/// The rows of `units` as every format prints them: each child unit sorted by name,
/// then what the parent holds itself (its own events, not its children's), then the
/// parent's total; so the child and own rows add up to the total row in every figure.
///
/// The own row is the parent's `summary` minus the sum of its children, figure by
/// figure in exact decimals (`ExactDecimal`), and its rates are recomputed from its own
/// counts by the daemon's rule (`Totals.rate`). It is there whenever there is a parent,
/// zeros included, so a list has the same shape for every unit. The provinces (no
/// parent) have no own row; their total is the `summary` of all provinces.
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
    }

    /// The parent unit, null for the provinces.
    var parent: JSONValue
    /// The year asked, null for all years.
    var year: JSONValue
    /// Children, own (with a parent), total.
    var rows: [Row]

    /// Rates and the counts they are the fraction of, as `summary` has them.
    static let rates: [String: (part: String, whole: String)] = [
        "answeredRate": ("answered", "received"),
        "adoptionRate": ("communesWithModels", "communes"),
    ]

    /// The rows of a `units` answer, with `total` the `summary` of its parent for the
    /// same year (of all provinces without a parent).
    init(units r: JSONValue, total: JSONValue) throws(CommandFailure) {
        parent = r["parent"] ?? .null
        year = r["year"] ?? .null
        // Vietnamese alphabetical order, as the daemon lists them (an older daemon sorted
        // folded names): the same order whichever daemon answers.
        let keyed: [(row: JSONValue, key: VietnameseOrder, code: String)] = (r["units"]?.arrayValue ?? []).map {
            ($0, VietnameseOrder($0["unit"]?["name"]?.stringValue ?? ""), $0["unit"]?["code"]?.stringValue ?? "")
        }
        let children = keyed.sorted { a, b in a.key != b.key ? a.key < b.key : a.code < b.code }.map(\.row)
        rows = children.map { Row(kind: .unit, unit: $0["unit"] ?? .null, figures: Self.figures(of: $0)) }
        let whole = Self.figures(of: total)
        if case .object = parent {
            let name = parent["code"]?.stringValue ?? "the parent"
            let own = try Self.difference(whole, rows.map(\.figures), path: "", unit: name)
            rows.append(Row(kind: .own, unit: parent, figures: own))
        }
        rows.append(Row(kind: .total, unit: parent, figures: whole))
    }

    /// The figures of a `summary` or of a row of `units`: every member but the unit and year.
    static func figures(of value: JSONValue) -> JSONObject {
        guard case .object(let o) = value else { return JSONObject() }
        var out = JSONObject()
        for (key, member) in o.members where key != "unit" && key != "year" { out.members.append((key, member)) }
        return out
    }

    /// `whole` minus each of `parts`, member by member; rates recomputed from the
    /// results. Fails rather than print a figure it cannot compute exactly.
    static func difference(_ whole: JSONObject, _ parts: [JSONObject], path: String, unit: String) throws(CommandFailure) -> JSONObject {
        var out = JSONObject()
        for (key, member) in whole.members {
            let name = path.isEmpty ? key : path + "." + key
            switch member {
            case .object(let inner):
                let innerParts = parts.map { p -> JSONObject in
                    if case .object(let o)? = p[key] { return o }
                    return JSONObject()
                }
                out.members.append((key, .object(try difference(inner, innerParts, path: name, unit: unit))))
            case .number(let text) where rates[key] == nil:
                var value = ExactDecimal(text)
                for p in parts {
                    guard case .number(let t)? = p[key], let v = ExactDecimal(t) else { value = nil; break }
                    value = value?.subtracting(v)
                }
                guard let value else {
                    throw CommandFailure(.server, "cannot compute what \(unit) holds itself exactly: the figure \(name) is not a plain decimal in every row (\(text)); use --output json for the rows as the daemon sent them")
                }
                out.members.append((key, .number(value.description)))
            default:
                out.members.append((key, .null))
            }
        }
        for (key, counts) in rates where out[key] != nil {
            guard let part = out[counts.part]?.int64Value,
                  let whole = out[counts.whole]?.int64Value else { continue }
            out[key] = Totals.rate(part, whole)
        }
        return out
    }

    /// One row as csv and ndjson print it: `row`, the unit (its four members, null for
    /// none), `year`, then the figures in `summary`'s order.
    func record(_ row: Row) -> JSONValue {
        FigureRecord.object(row: row.kind.rawValue, unit: row.unit, year: year, figures: row.figures)
    }

    /// Every row as csv and ndjson print them.
    var records: [JSONValue] { rows.map(record) }
}
