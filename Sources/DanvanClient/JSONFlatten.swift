import DanvanJSON

/// Nested JSON objects as flat columns ("works.road.count"), for CSV and for tables of
/// results that have no table of their own.
public enum JSONFlatten {
    /// The leaves of `value` as (dotted key, cell text) pairs, in member order. Arrays
    /// are kept whole as compact JSON in one cell; null is an empty cell.
    public static func columns(_ value: JSONValue, prefix: String = "") -> [(key: String, text: String)] {
        switch value {
        case .object(let object):
            var out: [(key: String, text: String)] = []
            for key in object.keys {
                guard let member = object[key] else { continue }
                let name = prefix.isEmpty ? key : prefix + "." + key
                if case .object(let inner) = member, inner.count > 0 {
                    out.append(contentsOf: columns(member, prefix: name))
                } else {
                    out.append((name, cell(member)))
                }
            }
            return out
        default:
            return [(prefix.isEmpty ? "value" : prefix, cell(value))]
        }
    }

    /// One value as cell text: strings unquoted, numbers as written, null empty, arrays
    /// and objects as compact JSON.
    public static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let text): return text
        case .string(let s): return s
        case .array, .object: return JSONWriter.string(value)
        }
    }

    /// Rows of flattened items under one header: the keys in order of first appearance,
    /// so items with extra keys (events of different types) still line up.
    public static func table(_ items: [JSONValue]) -> (header: [String], rows: [[String]]) {
        var header: [String] = []
        var index: [String: Int] = [:]
        var flat: [[(key: String, text: String)]] = []
        for item in items {
            let cols = columns(item)
            for (key, _) in cols where index[key] == nil {
                index[key] = header.count
                header.append(key)
            }
            flat.append(cols)
        }
        let rows = flat.map { cols -> [String] in
            var row = [String](repeating: "", count: header.count)
            for (key, text) in cols { if let i = index[key] { row[i] = text } }
            return row
        }
        return (header, rows)
    }
}
