/// A plain-text table with aligned columns, as psql and sqlite3 print them.
///
/// Widths are display widths (`DisplayWidth`), so Vietnamese names with diacritics line
/// up; numbers are right-aligned; lines carry no trailing spaces, so the output diffs
/// cleanly and tests can compare it to expected text.
public struct TextTable: Sendable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable { case left, right }

    /// A column: its heading, alignment and the widest a cell may be before it is cut.
    public struct Column: Sendable {
        /// Heading.
        public var title: String
        /// Alignment of heading and cells.
        public var alignment: Alignment
        /// Cells wider than this are cut with "…" (nil: never).
        public var maxWidth: Int?

        /// A column.
        public init(_ title: String, _ alignment: Alignment = .left, maxWidth: Int? = nil) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
        }
    }

    /// A row of cells, or a rule (a line of dashes, e.g. before a total row).
    public enum Row: Sendable {
        case cells([String])
        case rule
    }

    /// The columns.
    public var columns: [Column]
    /// The rows, in order.
    public var rows: [Row] = []

    /// An empty table with these columns.
    public init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Appends a row; missing cells are blank, extra cells are dropped.
    public mutating func append(_ cells: [String]) {
        rows.append(.cells(cells))
    }

    /// Appends a rule.
    public mutating func appendRule() {
        rows.append(.rule)
    }

    /// The table as text: heading, a rule, the rows; each line ends with "\n".
    public func render() -> String {
        let cellRows: [[String]] = rows.compactMap { row in
            guard case .cells(let cells) = row else { return nil }
            return columns.indices.map { i in clean(i < cells.count ? cells[i] : "", column: i) }
        }
        var widths = columns.map { DisplayWidth.of($0.title) }
        for cells in cellRows {
            for (i, cell) in cells.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        var out = ""
        func line(_ cells: [String]) {
            var text = ""
            for (i, cell) in cells.enumerated() {
                if i > 0 { text += "  " }
                text += DisplayWidth.pad(cell, to: widths[i], alignRight: columns[i].alignment == .right)
            }
            while text.last == " " { text.removeLast() }
            out += text + "\n"
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        line(columns.map(\.title))
        line(rule)
        var next = 0
        for row in rows {
            switch row {
            case .rule:
                line(rule)
            case .cells:
                line(cellRows[next])
                next += 1
            }
        }
        return out
    }

    /// A cell on one line (tabs and line breaks become spaces), cut to the column's width.
    private func clean(_ cell: String, column: Int) -> String {
        var text = cell
        if text.contains(where: { $0.isNewline || $0 == "\t" }) {
            text = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        }
        if let max = columns[column].maxWidth { text = DisplayWidth.truncate(text, to: max) }
        return text
    }
}
