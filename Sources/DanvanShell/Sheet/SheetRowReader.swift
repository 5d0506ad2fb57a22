import DanvanDomain
import DanvanJSON

/// Turns a sheet's rows into events' data through a `SheetMapping`, field by field by the
/// kinds of the daemon's catalogue: numbers read in the mapping's style (`1.234,5`), a
/// workbook's numeric cells as stored, days as `dd/mm/yyyy` or `yyyy-mm-dd` (or a workbook's
/// day serial), words through the mapping's `values`. What cannot be read is a refusal of
/// that row, with its column.
struct SheetRowReader {
    /// A field of the type and where its value comes from.
    struct Source {
        /// The field.
        var field: String
        /// Its kind in the catalogue ("decimal", "date", "code", ...).
        var kind: String
        /// The column it is read from (an index into the header), nil for a constant.
        var column: Int?
        /// The column's header as the sheet writes it.
        var header: String
    }

    /// A row that cannot be used: its number, the column, why.
    struct Refusal: Error, Sendable, Equatable {
        /// The row number as the spreadsheet shows it.
        var row: Int
        /// The column's header ("" when the row as a whole is refused).
        var column: String
        /// Why, for a person.
        var reason: String
    }

    /// The mapping.
    var mapping: SheetMapping
    /// Where each mapped field comes from.
    var sources: [Source]
    /// The columns of the mapping's key (indexes into the header).
    var keyColumns: [Int]

    /// The reader for `table` and `mapping` of type `type`, whose catalogue entry is `entry`;
    /// a mapping that does not fit the sheet or the type refuses the whole file.
    init(mapping: SheetMapping, table: SheetTable, type: String, entry: JSONValue, file: String) throws(CommandFailure) {
        self.mapping = mapping
        var kinds: [String: String] = [:], required: [String] = []
        for f in entry["fields"]?.arrayValue ?? [] {
            guard let name = f["name"]?.stringValue else { continue }
            kinds[name] = f["kind"]?.stringValue ?? "text"
            if f["required"]?.boolValue == true { required.append(name) }
        }
        let fieldList = kinds.keys.sorted().joined(separator: ", ")
        var sources: [Source] = []
        for (header, field) in mapping.columns {
            guard let kind = kinds[field] else { throw .input("the mapping's column '\(header)' names the field '\(field)', which \(type) does not have; its fields are \(fieldList)") }
            guard kind != "array", kind != "object" else { throw .input("the field '\(field)' of \(type) is a list or an object, which a sheet's column cannot hold") }
            let folded = Text.fold(header)
            guard let column = table.header.firstIndex(of: header) ?? table.header.firstIndex(where: { Text.fold($0) == folded }) else {
                throw .input("\(file) has no column '\(header)' (the mapping's, for \(field)); its columns are \(table.header.map { "'\($0)'" }.joined(separator: ", "))")
            }
            sources.append(Source(field: field, kind: kind, column: column, header: table.header[column]))
        }
        for (field, _) in mapping.constants where kinds[field] == nil {
            throw .input("the mapping's constant '\(field)' is not a field of \(type); its fields are \(fieldList)")
        }
        let given = Set(sources.map(\.field) + mapping.constants.map(\.field))
        let missing = required.filter { !given.contains($0) }
        guard missing.isEmpty else {
            throw .input("the mapping gives no column or constant for \(missing.joined(separator: ", ")), which \(type) requires")
        }
        self.sources = sources
        var keyColumns: [Int] = []
        for header in mapping.key {
            let folded = Text.fold(header)
            guard let column = table.header.firstIndex(of: header) ?? table.header.firstIndex(where: { Text.fold($0) == folded }) else {
                throw .input("\(file) has no column '\(header)' (of the mapping's key); its columns are \(table.header.map { "'\($0)'" }.joined(separator: ", "))")
            }
            keyColumns.append(column)
        }
        self.keyColumns = keyColumns
    }

    /// What names a row: its key cells, trimmed, or nil when the mapping has no key.
    func key(_ row: SheetTable.Row) -> String? {
        guard !keyColumns.isEmpty else { return nil }
        return keyColumns.map { $0 < row.cells.count ? row.cells[$0].text.trimmingWhitespace : "" }.joined(separator: "\u{1F}")
    }

    /// The data of one row, or why it cannot be used. Unit fields keep the text typed (a code
    /// or a name), which the caller resolves with the daemon.
    func data(_ row: SheetTable.Row) -> Result<JSONObject, Refusal> {
        var data = JSONObject()
        for (field, value) in mapping.constants { data[field] = value }
        for source in sources {
            guard let column = source.column else { continue }
            let cell = column < row.cells.count ? row.cells[column] : SheetTable.Cell(text: "")
            let text = cell.text.trimmingWhitespace
            if text.isEmpty { continue }
            func refuse(_ reason: String) -> Result<JSONObject, Refusal> { .failure(Refusal(row: row.number, column: source.header, reason: reason)) }
            switch source.kind {
            case "decimal", "integer":
                let reader = NumberReader(cell.isNumber ? .plain : mapping.numbers)
                do {
                    data[source.field] = .number(try reader.read(text, source.kind == "integer" ? .whole : .decimal, label: source.field))
                } catch {
                    return refuse(error.message)
                }
            case "date":
                guard let day = Self.day(text, serial: cell.isNumber) else {
                    return refuse("'\(text)' is not a date: write dd/mm/yyyy (31/12/2023) or yyyy-mm-dd (2023-12-31)")
                }
                data[source.field] = .string(day)
            default:
                let word = mapping.values[source.field]?[text] ?? text
                data[source.field] = .string(word)
            }
        }
        return .success(data)
    }

    /// A day from `31/12/2023`, `1/2/2023`, `2023-12-31` or a workbook's serial (45291).
    static func day(_ text: String, serial: Bool) -> String? {
        if serial, let n = Int64(text.split(separator: ".").first ?? ""), n > 0, n < 200_000 {
            // Serial 25569 is 1970-01-01 (the 1900 system, as Excel and LibreOffice write it).
            return Day(daysSinceEpoch: Int32(n - 25_569)).description
        }
        if Day(text) != nil { return text }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4,
              (1...2).contains(parts[0].count), (1...2).contains(parts[1].count) else { return nil }
        let iso = String(format4(y)) + "-" + two(m) + "-" + two(d)
        return Day(iso) != nil ? iso : nil
    }

    /// Two digits ("05").
    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    /// Four digits ("0999").
    static func format4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
}
