import DanvanClient
import DanvanJSON

/// Turning JSON values into table cells: numbers grouped, null as "-", units as
/// "Name (CODE)".
enum Cell {
    /// A number with thousands separators, a string as is, null or missing as "-".
    static func number(_ value: JSONValue?) -> String {
        switch value {
        case .number(let text)?: return NumberFormat.grouped(text)
        case .string(let s)?: return s
        case .bool(let b)?: return b ? "yes" : "no"
        case .null?, nil: return "-"
        case let other?: return JSONWriter.string(other)
        }
    }

    /// Text, or "-" when null or missing.
    static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s)?: return s
        case .number(let n)?: return n
        case .bool(let b)?: return b ? "yes" : "no"
        case .null?, nil: return "-"
        case let other?: return JSONWriter.string(other)
        }
    }

    /// The text of a number value, nil for anything else.
    static func numberText(_ value: JSONValue?) -> String? {
        if case .number(let text)? = value { return text }
        return nil
    }

    /// An exact integer, 0 when missing.
    static func int(_ value: JSONValue?) -> Int64 { value?.int64Value ?? 0 }

    /// "Bảo Yên (BY)" from a `{code, name, level, parent}` object.
    static func unit(_ value: JSONValue?) -> String {
        guard let value, case .object = value else { return "-" }
        let code = value["code"]?.stringValue ?? "?"
        guard let name = value["name"]?.stringValue else { return code }
        return "\(name) (\(code))"
    }

    /// "Bảo Yên (BY), district" or "all provinces".
    static func unitWithLevel(_ value: JSONValue?) -> String {
        guard let value, case .object = value else { return "all provinces" }
        let level = value["level"]?.stringValue.map { ", \($0)" } ?? ""
        return unit(value) + level
    }

    /// "all years" or "2023".
    static func year(_ value: JSONValue?) -> String {
        guard let y = value?.int64Value else { return "all years" }
        return String(y)
    }

    /// What an answer covers, for a heading: "2023-Q2 (decree09: 2023-03-15 to 2023-06-14)",
    /// "2023-03-10 to 2023-08-20", "from 2023-03-10", or the year ("2023", "all years");
    /// then ", answers by 2022-12-31" when asked.
    static func scope(_ r: JSONValue) -> String {
        var text: String
        if let p = r["period"], case .object = p {
            let from = p["from"]?.stringValue, to = p["to"]?.stringValue
            let days: String
            switch (from, to) {
            case (let f?, let t?): days = "\(f) to \(t)"
            case (let f?, nil): days = "from \(f)"
            case (nil, let t?): days = "up to \(t)"
            case (nil, nil): days = "all dates"
            }
            if let name = p["name"]?.stringValue {
                text = "\(name) (\(p["cutoff"]?.stringValue ?? "calendar"): \(days))"
            } else {
                text = days
            }
        } else {
            text = year(r["year"])
        }
        if let by = r["answeredBy"]?.stringValue { text += ", answers by \(by)" }
        switch r["boundaries"]?.stringValue {
        case "current"?: text += ", today's boundaries"
        case "historical"?: text += ", boundaries of each fact's date"
        default: break
        }
        return text
    }

    /// A day count with "s" as needed: "1 day", "12 days".
    static func plural(_ n: Int64, _ word: String) -> String {
        "\(NumberFormat.grouped(n)) \(word)\(n == 1 ? "" : "s")"
    }

    /// Event data as `key=value` pairs, the way people scan it in a table.
    static func pairs(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        return JSONFlatten.columns(value).map { "\($0.key)=\($0.text)" }.joined(separator: " ")
    }
}
