import Foundation

/// A CSV document as danvanctl prints it, read back the way a spreadsheet would: an
/// optional UTF-8 BOM, a header, records with RFC 4180 quoting.
struct CSVFile {
    /// Whether the text started with a UTF-8 byte order mark.
    var hasBOM: Bool
    var header: [String]
    var records: [[String]]

    /// Parses `text`; quoted fields may hold commas, doubled quotes and line breaks.
    init(_ text: String) {
        var body = Substring(text)
        hasBOM = body.unicodeScalars.first == "\u{FEFF}"
        if hasBOM { body = Substring(body.unicodeScalars.dropFirst()) }
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = body.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        header = rows.first ?? []
        records = Array(rows.dropFirst())
    }

    /// The column named `name`; fails the test when there is none.
    func column(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else { throw TestFailure("no column '\(name)' in \(header)") }
        return i
    }

    /// The records whose column `name` holds `value`.
    func records(where name: String, is value: String) throws -> [[String]] {
        let i = try column(name)
        return records.filter { $0[i] == value }
    }
}
