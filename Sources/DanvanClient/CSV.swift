/// Comma-separated values as RFC 4180 quotes them, for spreadsheets and `csvkit`.
///
/// Lines end in "\n" rather than the RFC's "\r\n": the files are read by Unix tools far
/// more often than by anything that insists on CRLF, and every CSV reader accepts both.
public enum CSV {
    /// One record: fields quoted only when they hold a comma, a quote or a line break.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// One field, quoted when needed (quotes doubled inside).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
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
