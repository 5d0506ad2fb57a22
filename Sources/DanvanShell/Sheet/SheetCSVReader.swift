/// Reads a CSV file as spreadsheets save it: UTF-8 with or without a byte order mark, RFC
/// 4180 quotes (commas, quotes and line breaks inside quoted fields), separated by commas or,
/// as Excel saves it under a Vietnamese locale, by semicolons (whichever the header has more
/// of). Blank rows are skipped; a row's number counts the lines a quoted line break spans.
enum SheetCSVReader {
    /// The table of `text`; nil when it has no header row.
    static func read(_ text: String) -> SheetTable? {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [(Int, [String])] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var line = 1, recordLine = 1
        var chars = Array(body)
        if chars.last != "\n", chars.last != "\r\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            if quoted {
                if c == "\"" {
                    if i < chars.count, chars[i] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == separator {
                record.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                record.append(field)
                records.append((recordLine, record))
                record = []
                field = ""
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
        }
        guard let header = records.first else { return nil }
        let rows = records.dropFirst().compactMap { number, fields -> SheetTable.Row? in
            guard fields.contains(where: { !$0.trimmingWhitespace.isEmpty }) else { return nil }
            return SheetTable.Row(number: number, cells: fields.map { SheetTable.Cell(text: $0) })
        }
        return SheetTable(sheet: nil, header: header.1.map(\.trimmingWhitespace), rows: rows)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
