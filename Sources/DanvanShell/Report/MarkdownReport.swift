/// A report as Markdown, ready to paste into a document: a heading, what it covers, then
/// each table with its figures in the report's language ("649.003", "98,7%").
enum MarkdownReport {
    /// The document.
    static func render(_ report: Report) -> String {
        let format = report.format
        var out = "# \(escape(report.title))\n\n"
        for (label, value) in report.facts { out += "- **\(escape(label)):** \(escape(value))\n" }
        for table in report.tables {
            out += "\n## \(escape(table.title))\n\n"
            let shown = table.columns.indices.filter { table.columns[$0].forPeople }
            guard !table.rows.isEmpty else {
                out += report.labels.text(.noRows) + "\n"
                continue
            }
            out += "| " + shown.map { escape(table.columns[$0].title) }.joined(separator: " | ") + " |\n"
            out += "|" + shown.map { i in numeric(table, i) ? "---:|" : "---|" }.joined() + "\n"
            for row in table.rows {
                let cells = shown.map { i -> String in
                    let text = escape(i < row.cells.count ? row.cells[i].display(format) : "")
                    return row.kind == .total && !text.isEmpty ? "**\(text)**" : text
                }
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
            if let note = table.note { out += "\n_\(escape(note))_\n" }
        }
        return out
    }

    /// Whether a column holds figures (right-aligned): every non-empty cell is numeric.
    static func numeric(_ table: ReportTable, _ column: Int) -> Bool {
        let cells = table.rows.compactMap { column < $0.cells.count ? $0.cells[column] : nil }.filter { $0 != .empty }
        return !cells.isEmpty && cells.allSatisfy(\.isNumeric)
    }

    /// Text that cannot break a table or start markup: `|` and line breaks, `*`, `_`, `\``.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|", "*", "_", "`", "\\", "<", "[", "]": out += "\\" + String(c)
            case "\n", "\r\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
