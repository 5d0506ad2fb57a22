import DanvanClient
import DanvanJSON

/// Tables of the list projections: opinions and models.
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
        let count = Cell.int(r["count"])
        let status = Cell.text(r["status"])
        var footer = "\(Cell.plural(count, "\(status) opinion")) as of \(Cell.text(r["today"]))"
        if r["truncated"]?.boolValue == true { footer += "; showing the oldest \(items.count), use --limit for more" }
        return t.render() + footer + "\n"
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
}
