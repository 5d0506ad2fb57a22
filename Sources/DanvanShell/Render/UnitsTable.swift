import DanvanClient
import DanvanJSON

/// The `units` result as a table: the rows of `UnitsBreakdown` (each child unit sorted by
/// name, what the parent holds itself, the parent's total), so the rows add up, with the
/// same rows csv and ndjson print.
enum UnitsTable {
    /// Cells after the code and name: the figures as the daemon wrote them (grouped), and
    /// the rates from their exact counts.
    static func cells(_ f: JSONObject) -> [String] {
        let figures = JSONValue.object(f)
        let o = figures["opinions"], m = figures["models"]
        return [
            Cell.number(figures["landDonatedM2"]), Cell.number(figures["donorHouseholds"]), Cell.number(figures["fundsVnd"]),
            Cell.number(figures["workdays"]), Cell.number(figures["works"]?["road"]?["count"]), Cell.number(figures["dialogues"]?["held"]),
            NumberFormat.percent(Cell.int(o?["answered"]), of: Cell.int(o?["received"])),
            Cell.number(m?["total"]),
            NumberFormat.percent(Cell.int(m?["communesWithModels"]), of: Cell.int(m?["communes"])),
        ]
    }

    static let columns: [TextTable.Column] = [
        .init("code"), .init("name", maxWidth: 30), .init("land (m²)", .right), .init("households", .right),
        .init("funds (VND)", .right), .init("workdays", .right), .init("roads", .right), .init("dialogues", .right),
        .init("answered", .right), .init("models", .right), .init("adoption", .right),
    ]

    /// The table: the rows of `breakdown`, a rule before the parent's own row and total.
    static func render(_ breakdown: UnitsBreakdown) -> String {
        let heading: String
        if case .object = breakdown.parent {
            heading = "units under \(Cell.unitWithLevel(breakdown.parent)), \(breakdown.scopeText)"
        } else {
            heading = "provinces, \(breakdown.scopeText)"
        }
        var t = TextTable(columns)
        var children = 0, ruled = false
        for row in breakdown.rows {
            if row.kind != .unit, !ruled {
                t.appendRule()
                ruled = true
            }
            switch row.kind {
            case .unit:
                children += 1
                t.append([row.unit["code"]?.stringValue ?? "?", row.unit["name"]?.stringValue ?? ""] + cells(row.figures))
            case .own: t.append(["", "at \(row.unit["code"]?.stringValue ?? "?") itself"] + cells(row.figures))
            case .total: t.append(["", "total"] + cells(row.figures))
            }
        }
        let count = children == 1 ? "1 unit" : "\(children) units"
        var notes = ""
        for row in breakdown.rows where row.splits != nil {
            notes += SummaryTable.splitLines(row.splits, of: row.unit["code"]?.stringValue)
        }
        return "\(heading): \(count)\n\n" + t.render() + notes
    }
}
