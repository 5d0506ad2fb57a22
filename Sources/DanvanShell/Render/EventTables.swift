import DanvanClient
import DanvanJSON

/// Stored events as rows (`read`, `export`, `follow`) and as CSV records with fixed
/// columns, so that events of different types share one header.
enum EventTables {
    static let columns: [TextTable.Column] = [
        .init("seq", .right), .init("recorded at (UTC)"), .init("type"), .init("stream"), .init("data", maxWidth: 100),
    ]

    /// The cells of one event.
    static func cells(_ e: JSONValue) -> [String] {
        var stream = e["stream"]?.stringValue ?? ""
        if let v = e["version"]?.int64Value { stream += " v\(v)" }
        return [Cell.number(e["seq"]), recordedAt(e["recordedAt"]), Cell.text(e["type"]), stream, Cell.pairs(e["data"])]
    }

    /// "2026-11-22 02:27:08" from "2026-11-22T02:27:08.410244Z" (UTC, to the second).
    static func recordedAt(_ v: JSONValue?) -> String {
        guard let s = v?.stringValue else { return "-" }
        return String(s.prefix(19)).replacingT()
    }

    /// A table of events.
    static func table(_ events: [JSONValue]) -> String {
        var t = TextTable(columns)
        for e in events { t.append(cells(e)) }
        return t.render()
    }

    /// One line of `follow`'s table, with fixed widths since rows arrive one by one.
    static func streamLine(_ e: JSONValue) -> String {
        let c = cells(e)
        var line = DisplayWidth.pad(c[0], to: 8, alignRight: true) + "  " + c[1] + "  " + DisplayWidth.pad(c[2], to: 17)
        if !c[3].isEmpty { line += "  " + c[3] }
        line += "  " + DisplayWidth.truncate(c[4], to: 100)
        return line + "\n"
    }

    /// The heading line of `follow`'s table.
    static var streamHeading: String {
        DisplayWidth.pad("seq", to: 8, alignRight: true) + "  " + DisplayWidth.pad("recorded at (UTC)", to: 19) + "  "
            + DisplayWidth.pad("type", to: 17) + "  data\n"
    }

    /// CSV header of events.
    static let csvHeader = ["seq", "id", "type", "stream", "version", "recordedAt", "actor.uid", "actor.user", "data"]

    /// The CSV fields of an event; `data` is kept whole as compact JSON.
    static func csvFields(_ e: JSONValue) -> [String] {
        [
            JSONFlatten.cell(e["seq"] ?? .null), JSONFlatten.cell(e["id"] ?? .null), JSONFlatten.cell(e["type"] ?? .null),
            JSONFlatten.cell(e["stream"] ?? .null), JSONFlatten.cell(e["version"] ?? .null),
            JSONFlatten.cell(e["recordedAt"] ?? .null), JSONFlatten.cell(e["actor"]?["uid"] ?? .null),
            JSONFlatten.cell(e["actor"]?["user"] ?? .null), JSONFlatten.cell(e["data"] ?? .null),
        ]
    }
}

extension String {
    fileprivate func replacingT() -> String {
        String(map { $0 == "T" ? " " : $0 })
    }
}
