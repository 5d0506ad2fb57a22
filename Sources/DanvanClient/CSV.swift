import DanvanJSON

/// Comma-separated values as RFC 4180 quotes them, for spreadsheets and `csvkit`.
///
/// Lines end in "\n" rather than the RFC's "\r\n": the files are read by Unix tools far
/// more often than by anything that insists on CRLF, and every CSV reader accepts both.
public enum CSV {
    /// One record: fields quoted only when they hold a comma, a quote or a line break.
    /// `spreadsheet`: the record is for a spreadsheet program (`spreadsheetText`).
    public static func record(_ fields: [String], spreadsheet: Bool = false) -> String {
        fields.map { field(spreadsheet ? spreadsheetText($0) : $0) }.joined(separator: ",") + "\n"
    }

    /// One field, quoted when needed (quotes doubled inside).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }

    /// Text a spreadsheet would run as a formula (`=SUM(A1)`, `+1`, `-1+2`, `@x`, a leading
    /// tab or carriage return: an opinion's topic is whatever a citizen said) gets a leading
    /// `'`, as OWASP advises for CSV meant for Excel and LibreOffice; a number (`-5`,
    /// `-1.5`) stays a number. Scripts' CSV (`csv-keys`) keeps every value as it is.
    public static func spreadsheetText(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        if first == "-", text.count > 1, JSONNumberText.isValid(text) { return text }
        return "'" + text
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out
    }
}
