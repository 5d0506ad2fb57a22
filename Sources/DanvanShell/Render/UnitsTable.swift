import DanvanClient
import DanvanDomain
import DanvanJSON

/// The `units` result as one row per child unit, sorted by name, then a row for what
/// the parent holds itself (when anything) and the parent's total, so the rows add up.
enum UnitsTable {
    /// The figures a row shows, as exact quantities so rows can be summed and subtracted.
    struct Figures {
        var land = Quantity.zero, households = Quantity.zero, funds = Quantity.zero, workdays = Quantity.zero
        var roads = Quantity.zero, dialogues = Quantity.zero, models = Quantity.zero
        var received = Quantity.zero, answered = Quantity.zero, communes = Quantity.zero, withModels = Quantity.zero

        init() {}

        init(_ r: JSONValue) {
            func q(_ v: JSONValue?) -> Quantity {
                if case .number(let text)? = v, let q = Quantity(exactly: text) { return q }
                return .zero
            }
            land = q(r["landDonatedM2"])
            households = q(r["donorHouseholds"])
            funds = q(r["fundsVnd"])
            workdays = q(r["workdays"])
            roads = q(r["works"]?["road"]?["count"])
            dialogues = q(r["dialogues"]?["held"])
            models = q(r["models"]?["total"])
            received = q(r["opinions"]?["received"])
            answered = q(r["opinions"]?["answered"])
            communes = q(r["models"]?["communes"])
            withModels = q(r["models"]?["communesWithModels"])
        }

        var all: [Quantity] { [land, households, funds, workdays, roads, dialogues, models, received, answered, communes, withModels] }

        static func + (a: Figures, b: Figures) -> Figures { a.combined(b, +) }
        static func - (a: Figures, b: Figures) -> Figures { a.combined(b, -) }

        func combined(_ b: Figures, _ op: (Quantity, Quantity) -> Quantity) -> Figures {
            var r = Figures()
            r.land = op(land, b.land); r.households = op(households, b.households); r.funds = op(funds, b.funds)
            r.workdays = op(workdays, b.workdays); r.roads = op(roads, b.roads); r.dialogues = op(dialogues, b.dialogues)
            r.models = op(models, b.models); r.received = op(received, b.received); r.answered = op(answered, b.answered)
            r.communes = op(communes, b.communes); r.withModels = op(withModels, b.withModels)
            return r
        }

        /// Cells after the code and name.
        var cells: [String] {
            func g(_ q: Quantity) -> String { NumberFormat.grouped(q.description) }
            return [
                g(land), g(households), g(funds), g(workdays), g(roads), g(dialogues),
                NumberFormat.percent(answered.scaled, of: received.scaled),
                g(models),
                NumberFormat.percent(withModels.scaled, of: communes.scaled),
            ]
        }
    }

    static let columns: [TextTable.Column] = [
        .init("code"), .init("name", maxWidth: 30), .init("land (m²)", .right), .init("households", .right),
        .init("funds (VND)", .right), .init("workdays", .right), .init("roads", .right), .init("dialogues", .right),
        .init("answered", .right), .init("models", .right), .init("adoption", .right),
    ]

    /// The table. `total` is the parent's `summary` (all provinces when there is no parent).
    static func render(_ r: JSONValue, total: JSONValue?) -> String {
        let parent = r["parent"]
        let heading: String
        if let parent, case .object = parent {
            heading = "units under \(Cell.unitWithLevel(parent)), \(Cell.year(r["year"]))"
        } else {
            heading = "provinces, \(Cell.year(r["year"]))"
        }
        let rows = (r["units"]?.arrayValue ?? []).sorted { a, b in
            let na = a["unit"]?["name"]?.stringValue ?? "", nb = b["unit"]?["name"]?.stringValue ?? ""
            let ca = a["unit"]?["code"]?.stringValue ?? "", cb = b["unit"]?["code"]?.stringValue ?? ""
            return (Text.fold(na), na, ca) < (Text.fold(nb), nb, cb)
        }
        var t = TextTable(columns)
        var sum = Figures()
        for row in rows {
            let f = Figures(row)
            sum = sum + f
            t.append([row["unit"]?["code"]?.stringValue ?? "?", row["unit"]?["name"]?.stringValue ?? ""] + f.cells)
        }
        if let total {
            let whole = Figures(total)
            let own = whole - sum
            t.appendRule()
            if own.all.contains(where: { $0 != .zero }) {
                let name = parent?["code"]?.stringValue ?? "province level"
                t.append(["", "at \(name) itself"] + own.cells)
            }
            t.append(["", "total"] + whole.cells)
        } else if !rows.isEmpty {
            t.appendRule()
            t.append(["", "total"] + sum.cells)
        }
        let count = rows.count == 1 ? "1 unit" : "\(rows.count) units"
        return "\(heading): \(count)\n\n" + t.render()
    }
}
