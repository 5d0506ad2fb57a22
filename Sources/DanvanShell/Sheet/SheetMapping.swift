import DanvanDomain
import DanvanJSON

/// How the columns of a sheet become the fields of one event type: the mapping file that
/// `import-sheet --map` reads (JSON).
///
/// ```json
/// {"type": "land.donated",
///  "columns": {"Đơn vị": "unit", "Số hộ": "households", "Diện tích (m²)": "areaM2", "Ngày hiến": "donatedOn"},
///  "constants": {"purpose": "road"},
///  "values": {"purpose": {"Đường giao thông": "road"}},
///  "key": ["Đơn vị", "Ngày hiến"],
///  "numbers": "vi"}
/// ```
///
/// `columns` maps a header (matched as written, else without diacritics and case) to a
/// field; `constants` gives fields every row has; `values` turns a sheet's words into the
/// catalogue's; `key`, the columns that name a row (a receipt number, or unit and day), lets a
/// re-import find the event of a row edited since (`--replace-edited`); `numbers` says how text numbers are written (`vi`: `1.234,5`, the default;
/// `en`: `1,234.5`; `plain`: `1234.5`); a workbook's numeric cells are read as stored.
struct SheetMapping: Sendable {
    /// The event type, when the file names one.
    var type: String?
    /// Column header → field, in the file's order.
    var columns: [(header: String, field: String)]
    /// Field → value for every row.
    var constants: [(field: String, value: JSONValue)]
    /// Field → (sheet word → catalogue value).
    var values: [String: [String: String]]
    /// How text numbers are written.
    var numbers: NumberStyle
    /// The headers of the columns that name a row; empty when the mapping has no key.
    var key: [String] = []

    /// The mapping in `bytes` (the file `name`).
    static func parse(_ bytes: [UInt8], name: String) throws(CommandFailure) -> SheetMapping {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .input("the mapping \(name) is not valid JSON: \(error)")
        }
        guard let o = value.objectValue else { throw .input("the mapping \(name) must be a JSON object {type, columns, constants?, values?, numbers?}") }
        for key in o.keys where !["type", "columns", "constants", "values", "numbers", "key"].contains(key) {
            throw .input("the mapping \(name) has an unknown member '\(key)'; it takes type, columns, constants, values, key and numbers")
        }
        guard let columns = o["columns"]?.objectValue, columns.count > 0 else {
            throw .input("the mapping \(name) needs \"columns\": {\"header\": \"field\", ...}")
        }
        var mapping = SheetMapping(type: o["type"]?.stringValue, columns: [], constants: [], values: [:], numbers: .vi)
        for (header, field) in columns.members {
            guard let f = field.stringValue else { throw .input("the mapping \(name): column '\(header)' must name a field (a string)") }
            mapping.columns.append((header, f))
        }
        for (field, v) in o["constants"]?.objectValue?.members ?? [] { mapping.constants.append((field, v)) }
        for (field, words) in o["values"]?.objectValue?.members ?? [] {
            var table: [String: String] = [:]
            for (word, v) in words.objectValue?.members ?? [] { table[word] = v.stringValue ?? "" }
            mapping.values[field] = table
        }
        if let key = o["key"] {
            guard let headers = key.arrayValue?.compactMap(\.stringValue), headers.count == key.arrayValue?.count, !headers.isEmpty else {
                throw .input("the mapping \(name): \"key\" is a list of column headers, [\"Số phiếu\"] or [\"Đơn vị\", \"Ngày hiến\"]")
            }
            mapping.key = headers
        }
        if let style = o["numbers"]?.stringValue {
            guard let s = NumberStyle(rawValue: style) else { throw .input("the mapping \(name): \"numbers\" is vi, en or plain, got '\(style)'") }
            mapping.numbers = s
        }
        return mapping
    }
}
