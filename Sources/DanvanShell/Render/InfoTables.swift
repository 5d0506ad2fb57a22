import DanvanClient
import DanvanJSON

/// Key/value tables: `status`, `hello`, `append`'s result, and any object without a
/// table of its own.
enum InfoTables {
    /// Labels of `status`'s figures; keys not here (a figure added later) show as they are.
    static let statusLabels: [String: String] = [
        "seq": "last seq", "events": "events applied", "segments": "log segments", "logBytes": "log size",
        "uptimeS": "uptime", "clients": "clients connected", "version": "version", "staged": "staged (not yet durable)",
        "units": "units registered", "subscriptions": "subscriptions open", "commits": "commits since start",
        "today": "the province's date",
    ]

    /// `status` for people: labels and units; the snapshot's seq and age are one row,
    /// "at seq 8,684, 2 min 5 s ago" or "none yet". json and csv keep the protocol's keys.
    static func status(_ r: JSONValue) -> String {
        guard case .object(let o) = r else { return keyValue(r) }
        var t = TextTable([.init("figure"), .init("value", .right)])
        for key in o.keys {
            let value = o[key]
            switch key {
            case "uptimeS": t.append([statusLabels[key] ?? key, duration(Cell.int(value))])
            case "logBytes": t.append([statusLabels[key] ?? key, size(Cell.int(value))])
            case "snapshotSeq": t.append(["snapshot", snapshot(seq: Cell.int(value), age: r["snapshotAgeS"]?.int64Value)])
            case "snapshotAgeS", "timeZone": continue
            case "today":
                let zone = r["timeZone"]?.stringValue.map { " (\($0))" } ?? ""
                t.append([statusLabels[key] ?? key, Cell.text(value) + zone])
            default: t.append([statusLabels[key] ?? key, Cell.number(value)])
            }
        }
        return t.render()
    }

    /// "at seq 8,684, 2 min 5 s ago"; "none yet (...)" for seq 0, as the protocol has it.
    static func snapshot(seq: Int64, age: Int64?) -> String {
        guard seq > 0 else { return "none yet (a restart replays the whole log)" }
        return "at seq \(NumberFormat.grouped(seq))" + (age.map { ", \(duration($0)) ago" } ?? "")
    }

    /// "1.6 MiB (1,695,896 bytes)": binary units to one decimal, rounded half-up, with the
    /// exact count.
    static func size(_ bytes: Int64) -> String {
        let exact = "\(NumberFormat.grouped(bytes)) bytes"
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var unit = -1, scale: Int64 = 1
        while unit + 1 < units.count, bytes >= scale * 1024 {
            scale *= 1024
            unit += 1
        }
        guard unit >= 0 else { return exact }
        let tenths = (Int128(bytes) * 20 + Int128(scale)) / (2 * Int128(scale))
        return "\(NumberFormat.grouped(tenths / 10)).\(tenths % 10) \(units[unit]) (\(exact))"
    }

    /// "3 d 4 h 5 min 6 s" from seconds.
    static func duration(_ seconds: Int64) -> String {
        let d = seconds / 86_400, h = seconds / 3600 % 24, m = seconds / 60 % 60, s = seconds % 60
        var parts: [String] = []
        if d > 0 { parts.append("\(d) d") }
        if h > 0 || d > 0 { parts.append("\(h) h") }
        if m > 0 || h > 0 || d > 0 { parts.append("\(m) min") }
        parts.append("\(s) s")
        return parts.joined(separator: " ")
    }

    /// `append`'s result in words.
    static func appended(_ r: JSONValue) -> String {
        let dup = Cell.int(r["duplicates"])
        if let first = r["firstSeq"]?.int64Value, let last = r["lastSeq"]?.int64Value {
            let seqs = first == last ? "seq \(NumberFormat.grouped(first))" : "seqs \(NumberFormat.grouped(first))–\(NumberFormat.grouped(last))"
            return "stored as \(seqs)" + (dup > 0 ? "; \(Cell.plural(dup, "duplicate")) skipped" : "") + "\n"
        }
        return "nothing stored: \(dup == 1 ? "the event is a duplicate of one already stored (same id)" : "\(dup) duplicates of events already stored")\n"
    }

    /// Any object as a two-column table of its flattened members; lists of words are
    /// joined with commas.
    static func keyValue(_ r: JSONValue) -> String {
        var t = TextTable([.init("key"), .init("value")])
        for (key, text) in JSONFlatten.columns(r) {
            var cell = text
            if case .array(let items)? = lookup(r, key), items.allSatisfy({ $0.stringValue != nil }) {
                cell = items.compactMap(\.stringValue).joined(separator: ", ")
            }
            t.append([key, cell])
        }
        return t.render()
    }

    /// The member at a dotted path.
    static func lookup(_ value: JSONValue, _ path: String) -> JSONValue? {
        var v: JSONValue? = value
        for part in path.split(separator: ".") { v = v?[String(part)] }
        return v
    }

    /// The catalogue: one row per event type; or the fields of one type.
    static func schema(_ r: JSONValue, type: String?) -> String {
        let types = r["types"]?.arrayValue ?? []
        guard let type else {
            var t = TextTable([.init("type"), .init("fields"), .init("summary")])
            for e in types {
                let fields = (e["fields"]?.arrayValue ?? []).map { f in
                    (f["name"]?.stringValue ?? "?") + (f["required"]?.boolValue == true ? "" : "?")
                }
                t.append([Cell.text(e["type"]), fields.joined(separator: " "), Cell.text(e["summary"])])
            }
            return "event catalogue v\(Cell.text(r["version"])) (fields marked ? are optional; 'schema TYPE' for details)\n\n" + t.render()
        }
        guard let entry = types.first(where: { $0["type"]?.stringValue == type }) else { return "" }
        var t = TextTable([.init("field"), .init("kind"), .init("required"), .init("values or note")])
        for f in entry["fields"]?.arrayValue ?? [] {
            var note = (f["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
            if let n = f["note"]?.stringValue { note += note.isEmpty ? n : "; " + n }
            t.append([Cell.text(f["name"]), Cell.text(f["kind"]), f["required"]?.boolValue == true ? "yes" : "no", note])
        }
        return "\(type): \(Cell.text(entry["summary"]))\n\n" + t.render()
    }
}
