/// One table of a report: a Markdown table, a CSV file, a workbook sheet, an HTML table.
struct ReportTable: Sendable {
    /// A column: its heading, and a stable key (the same in every language) that charts
    /// and tests find it by.
    struct Column: Sendable, Equatable {
        /// The key ("landDonatedM2", "unit").
        var key: String
        /// The heading in the report's language.
        var title: String
        /// Whether people's formats (Markdown, HTML) show it; a figure's protocol key is for
        /// programs (CSV, workbooks) only.
        var forPeople = true
    }

    /// What a row is: an item (a child unit, a campaign), a unit's own events, or the total.
    enum RowKind: Sendable, Equatable {
        case item
        case own
        case total
    }

    /// A row.
    struct Row: Sendable, Equatable {
        /// Its kind; a total row is set off (bold, a rule).
        var kind: RowKind
        /// One value per column.
        var cells: [ReportValue]
    }

    /// A stable name: the CSV file's (`units.csv`) and, cut to 31 characters, the sheet's.
    var name: String
    /// The heading in the report's language.
    var title: String
    /// The columns.
    var columns: [Column]
    /// The rows.
    var rows: [Row] = []
    /// A line under the table (the list was cut, what a figure means), if any.
    var note: String?

    /// The items' rows (no own or total row): what a chart draws.
    var itemRows: [Row] { rows.filter { $0.kind == .item } }

    /// The index of the column with `key`.
    func column(_ key: String) -> Int? { columns.firstIndex { $0.key == key } }
}
