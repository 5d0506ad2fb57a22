import DanvanClient
import DanvanJSON

/// `campaigns` as a list and `campaign ID` as a sheet with progress against targets.
enum CampaignTables {
    static let targetNames: [String: String] = [
        "landM2": "land (m²)", "fundsVnd": "funds (VND)", "workdays": "workdays", "roadsKm": "roads (km)", "houses": "houses",
    ]

    /// One row per campaign.
    static func list(_ r: JSONValue) -> String {
        let items = r["campaigns"]?.arrayValue ?? []
        var t = TextTable([
            .init("campaign"), .init("kind"), .init("unit"), .init("started"), .init("closed"), .init("status"),
            .init("title", maxWidth: 50),
        ])
        for c in items {
            t.append([
                Cell.text(c["campaign"]), Cell.text(c["kind"]), Cell.text(c["unit"]?["code"]), Cell.text(c["startedOn"]),
                Cell.text(c["closedOn"]), Cell.text(c["status"]), Cell.text(c["title"]),
            ])
        }
        return t.render() + "\(Cell.plural(Cell.int(r["count"]), "campaign"))\n"
    }

    /// One campaign: what it is, progress against targets, totals and works.
    static func detail(_ c: JSONValue) -> String {
        var out = "\(Cell.text(c["campaign"])): \(Cell.text(c["title"]))\n"
        out += "\(Cell.text(c["kind"])) at \(Cell.unit(c["unit"])), started \(Cell.text(c["startedOn"]))"
        if let closed = c["closedOn"]?.stringValue { out += ", closed \(closed)" } else { out += ", active" }
        out += "\n\n"
        // With a period: progress is by its end, the contributions are those made in it.
        let end = c["period"]?["to"]?.stringValue ?? c["year"]?.int64Value.map { "\($0)-12-31" }
        let byEnd = end.map { "achieved by \($0)" } ?? "achieved"
        if c["period"] != nil || c["year"] != nil { out += "contributions \(Cell.scope(c)); progress by its end\n\n" }
        if case .object(let progress)? = c["progress"], progress.count > 0 {
            var t = TextTable([.init("target"), .init("target", .right), .init(byEnd, .right), .init("progress", .right)])
            for key in progress.keys {
                let p = progress[key]
                t.append([
                    targetNames[key] ?? key, Cell.number(p?["target"]), Cell.number(p?["achieved"]),
                    NumberFormat.percent(fraction: Cell.numberText(p?["ratio"])),
                ])
            }
            out += t.render() + "\n"
        }
        let totals = c["totals"] ?? .null
        var figures = TextTable([.init("contributed"), .init("value", .right)])
        for row in SummaryTable.contributionRows(totals) { figures.append(row) }
        out += figures.render() + "\n"
        out += SummaryTable.works(totals["works"]).render()
        return out
    }
}
