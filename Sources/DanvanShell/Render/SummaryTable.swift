import DanvanClient
import DanvanDomain
import DanvanJSON

/// The `summary` result as a table of figures and a table of works.
enum SummaryTable {
    /// Display names of the works kinds, in the daemon's order.
    static let worksNames: [(key: String, label: String)] = [
        ("road", "road"), ("border_road", "border road"), ("house", "house"), ("lighting", "lighting"), ("other", "other"),
    ]

    /// Display names of the model fields.
    static let fieldNames: [String: String] = [
        "economy": "economy", "culture_society": "culture & society",
        "defense_security": "defense & security", "political_system": "political system",
    ]

    /// The whole text: heading, figures, works.
    static func render(_ r: JSONValue) -> String {
        var out = "\(Cell.unitWithLevel(r["unit"])), \(Cell.scope(r))\n\n"
        out += figures(r).render()
        out += "\n"
        out += works(r["works"]).render()
        out += splitLines(r["splits"])
        return out
    }

    /// What the daemon says of splits this figure is affected by (today's boundaries give a
    /// split unit's whole history to its main part), one line each; `row` names the row
    /// of a `units` table the note is about.
    static func splitLines(_ splits: JSONValue?, of row: String? = nil) -> String {
        var out = ""
        for s in splits?.arrayValue ?? [] {
            let unit = s["unit"]?.stringValue ?? "?", to = s["historyTo"]?.stringValue ?? "?"
            let on = s["effectiveOn"]?.stringValue ?? "?"
            let parts = (s["parts"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
            let how = s["includesHistory"]?.boolValue == true
                ? "includes all of \(unit)'s history before its split on \(on) (it counts whole in its main part \(to)), though not all of its parts (\(parts)) lie here"
                : "lacks \(unit)'s history before its split on \(on): it counts whole in its main part \(to), which lies outside (parts: \(parts))"
            out += "note: \(row.map { "the figure of \($0)" } ?? "this figure") \(how)\n"
        }
        return out
    }

    /// Contributions, campaigns, dialogues, opinions and models, one figure a row.
    static func figures(_ r: JSONValue) -> TextTable {
        var t = TextTable([.init("figure"), .init("value", .right)])
        for row in contributionRows(r) { t.append(row) }
        let c = r["campaigns"]
        t.append(["campaigns launched", Cell.number(c?["launched"])])
        t.append(["  active", Cell.number(c?["active"])])
        t.append(["  closed", Cell.number(c?["closed"])])
        let d = r["dialogues"]
        t.append(["dialogues held", Cell.number(d?["held"])])
        t.append(["  periodic", Cell.number(d?["periodic"])])
        t.append(["  ad hoc", Cell.number(d?["adHoc"])])
        let o = r["opinions"]
        t.append(["opinions received", Cell.number(o?["received"])])
        t.append(["  answered", Cell.number(o?["answered"])])
        t.append(["  answered rate", NumberFormat.percent(Cell.int(o?["answered"]), of: Cell.int(o?["received"]))])
        let m = r["models"]
        t.append(["models", Cell.number(m?["total"])])
        if case .object(let fields)? = m?["byField"] {
            for key in fields.keys { t.append(["  " + (fieldNames[key] ?? key), Cell.number(fields[key])]) }
        }
        t.append(["communes", Cell.number(m?["communes"])])
        t.append(["  with models", Cell.number(m?["communesWithModels"])])
        t.append(["  adoption rate", NumberFormat.percent(Cell.int(m?["communesWithModels"]), of: Cell.int(m?["communes"]))])
        return t
    }

    /// Land, households, assets, funds and workdays (also used for campaign totals).
    static func contributionRows(_ r: JSONValue) -> [[String]] {
        [
            ["land donated (m²)", Cell.number(r["landDonatedM2"])],
            ["  donor households", Cell.number(r["donorHouseholds"])],
            ["  assets on the land (VND)", Cell.number(r["assetsVnd"])],
            ["funds (VND)", Cell.number(r["fundsVnd"])],
            ["workdays", Cell.number(r["workdays"])],
        ]
    }

    /// Completed works by kind: count, length and value.
    static func works(_ w: JSONValue?) -> TextTable {
        var t = TextTable([.init("works"), .init("count", .right), .init("length (km)", .right), .init("value (VND)", .right)])
        for (key, label) in worksNames {
            let k = w?[key]
            t.append([label, Cell.number(k?["count"]), Cell.number(k?["lengthKm"]), Cell.number(k?["valueVnd"])])
        }
        return t
    }
}
