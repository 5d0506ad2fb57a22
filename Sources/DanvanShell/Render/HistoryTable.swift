import DanvanJSON

/// The `history` answer as a person reads it: the unit's life, then one line per change in
/// date order, each with its act, so that "what became of Vĩnh Yên" is answered at a glance.
enum HistoryTable {
    static func render(_ r: JSONValue) -> String {
        var out = Cell.unitWithLevel(r["unit"]) + "\n"
        let from = r["validFrom"]?.stringValue
        let to = r["validTo"]?.stringValue
        switch (from, to) {
        case (nil, nil): out += "  exists: always (no change ended it)\n"
        case (let f?, nil): out += "  exists: from \(f)\n"
        case (nil, let t?): out += "  exists: until \(t)\n"
        case (let f?, let t?): out += "  exists: from \(f) until \(t)\n"
        }
        var rows: [(String, String)] = []
        func act(_ v: JSONValue?) -> String { v?["act"]?.stringValue.map { " (\($0))" } ?? "" }
        func day(_ v: JSONValue?) -> String { v?["effectiveOn"]?.stringValue ?? "?" }
        for p in r["predecessors"]?.arrayValue ?? [] {
            let what = p["change"]?.stringValue == "split" ? "received part of" : "formed from"
            rows.append((day(p), "\(what) \(Cell.unit(p["unit"]))\(p["main"] == .bool(true) ? ", as its main part" : "")\(act(p))"))
        }
        for m in r["moves"]?.arrayValue ?? [] {
            rows.append((day(m), "moved from \(Cell.unit(m["from"])) to \(Cell.unit(m["to"]))\(act(m))"))
        }
        for n in r["renames"]?.arrayValue ?? [] {
            rows.append((day(n), "renamed from \(Cell.text(n["from"])) to \(Cell.text(n["to"]))\(act(n))"))
        }
        for s in r["successors"]?.arrayValue ?? [] {
            let change = s["change"]?.stringValue
            let what = change == "split" ? (s["main"] == .bool(true) ? "split; main part to" : "split; a part to") : "merged into"
            rows.append((day(s), "\(what) \(Cell.unit(s["unit"]))\(act(s))"))
        }
        if let end = r["end"], end["change"]?.stringValue == "ended" {
            rows.append((day(end), "ended\(act(end))"))
        }
        if rows.isEmpty { return out + "  no recorded change\n" }
        for (d, text) in rows.sorted(by: { $0.0 < $1.0 }) { out += "  \(d)  \(text)\n" }
        return out
    }
}
