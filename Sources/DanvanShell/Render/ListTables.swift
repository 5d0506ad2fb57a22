import DanvanClient
import DanvanJSON

/// Tables of the list projections: opinions, models and the unit tree.
enum ListTables {
    /// Open or answered opinions, oldest first, with a line saying how many there are.
    static func opinions(_ r: JSONValue) -> String {
        let items = r["opinions"]?.arrayValue ?? []
        let answered = r["status"]?.stringValue == "answered"
        var columns: [TextTable.Column] = [
            .init("held on"), .init("age (days)", .right), .init("unit"), .init("dialogue"), .init("#", .right), .init("topic"),
            .init("opinion", maxWidth: 60),
        ]
        if answered { columns.insert(.init("answered on"), at: 1) }
        var t = TextTable(columns)
        for o in items {
            var row = [
                Cell.text(o["heldOn"]), Cell.number(o["ageDays"]), Cell.unit(o["unit"]), Cell.text(o["dialogue"]),
                Cell.text(o["opinion"]), Cell.text(o["topic"]), Cell.text(o["text"]),
            ]
            if answered { row.insert(Cell.text(o["answeredOn"]), at: 1) }
            t.append(row)
        }
        return t.render() + opinionsFooter(r) + "\n"
    }

    /// "6,274 answered opinions as of 2026-12-07; showing the oldest 1,000, use --limit
    /// 6274 for all": how many there are, and how many are shown when the limit cut them.
    static func opinionsFooter(_ r: JSONValue) -> String {
        let count = Cell.int(r["count"])
        // With --answered-by, the opinions stand as they did that day; a period says whose.
        let day = r["answeredBy"] ?? r["today"]
        let of = r["period"] != nil || r["year"] != nil
            ? " of dialogues held \(Cell.scope(["period": r["period"] ?? .null, "year": r["year"] ?? .null]))" : ""
        var footer = "\(Cell.plural(count, "\(Cell.text(r["status"])) opinion"))\(of) as of \(Cell.text(day))"
        if r["truncated"]?.boolValue == true {
            let shown = Int64(r["opinions"]?.arrayValue?.count ?? 0)
            footer += "; showing the oldest \(NumberFormat.grouped(shown)), use --limit \(count) for all"
        }
        return footer
    }

    /// Registered models.
    static func models(_ r: JSONValue) -> String {
        let items = r["models"]?.arrayValue ?? []
        var t = TextTable([
            .init("model"), .init("registered"), .init("field"), .init("unit"), .init("unit name"), .init("title", maxWidth: 50),
        ])
        for m in items {
            t.append([
                Cell.text(m["model"]), Cell.text(m["registeredOn"]),
                SummaryTable.fieldNames[m["field"]?.stringValue ?? ""] ?? Cell.text(m["field"]),
                Cell.text(m["unit"]), Cell.text(m["unitName"]), Cell.text(m["title"]),
            ])
        }
        return t.render() + "\(Cell.plural(Cell.int(r["count"]), "model"))\n"
    }

    /// The unit tree: names indented by depth, with code, level and number of children.
    static func tree(_ r: JSONValue) -> String {
        var t = TextTable([.init("name"), .init("code"), .init("level"), .init("children", .right)])
        for u in r["units"]?.arrayValue ?? [] {
            let indent = String(repeating: "  ", count: max(0, Int(Cell.int(u["depth"])) - 1))
            t.append([indent + Cell.text(u["name"]), Cell.text(u["code"]), Cell.text(u["level"]), Cell.number(u["children"])])
        }
        let under = r["unit"].map { $0 == .null ? "" : " under \(Cell.unitWithLevel($0))" } ?? ""
        return t.render() + "\(Cell.plural(Cell.int(r["count"]), "unit"))\(under)\n"
    }
}
