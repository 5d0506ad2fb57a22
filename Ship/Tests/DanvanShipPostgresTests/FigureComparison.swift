import DanvanJSON

/// A figures object flattened to `path: number text` (`works.road.lengthKm: 12.5`), the members
/// that say what was asked (`unit`, `year`, `period`, `answeredBy`, `asOf`) left out, so that
/// danvand's answer and PostgreSQL's jsonb (which orders keys its own way) compare exactly.
func flattenFigures(_ value: JSONValue, prefix: String = "") -> [String: String] {
    var out: [String: String] = [:]
    switch value {
    case .object(let o):
        for (k, v) in o.members {
            if prefix.isEmpty, ["unit", "year", "period", "answeredBy", "asOf"].contains(k) { continue }
            out.merge(flattenFigures(v, prefix: prefix.isEmpty ? k : prefix + "." + k)) { $1 }
        }
    case .number(let n): out[prefix] = n
    case .null: out[prefix] = "null"
    case .string(let s): out[prefix] = "\"\(s)\""
    case .bool(let b): out[prefix] = String(b)
    case .array(let a): out[prefix] = JSONWriter.string(.array(a))
    }
    return out
}

/// The paths where `a` and `b` differ, each with both values.
func differences(_ a: [String: String], _ b: [String: String]) -> [String] {
    Set(a.keys).union(b.keys).sorted().compactMap { k in
        a[k] == b[k] ? nil : "\(k): danvand \(a[k] ?? "-"), PostgreSQL \(b[k] ?? "-")"
    }
}
