import DanvanClient

/// A report as CSV for spreadsheets: one document per table (`report.csv`, `figures.csv`,
/// `units.csv`, …), the first saying what the report covers. Headings are in the report's
/// language, numbers plain as the daemon wrote them (`1200.5`, rates as fractions, dates
/// ISO), so every spreadsheet reads them as numbers whatever its locale; text a spreadsheet
/// would run as a formula is defused (`CSV.spreadsheetText`), as in every `-o csv`.
enum CSVReport {
    /// Each table's file name and text (with a byte order mark, which Excel needs for UTF-8).
    static func documents(_ report: Report) -> [(name: String, text: String)] {
        ([report.aboutTable] + report.tables).map { table in (table.name + ".csv", document(table)) }
    }

    /// One table: the BOM, the header, the rows.
    static func document(_ table: ReportTable) -> String {
        "\u{FEFF}" + body(table)
    }

    /// The header and rows of a table.
    static func body(_ table: ReportTable) -> String {
        var out = CSV.record(table.columns.map(\.title), spreadsheet: true)
        for row in table.rows { out += CSV.record(row.cells.map(\.plain), spreadsheet: true) }
        return out
    }

    /// Every table in one stream (standard output): a BOM, then each table as a line with
    /// its name, its header and rows, and a blank line between tables.
    static func stream(_ report: Report) -> String {
        "\u{FEFF}" + ([report.aboutTable] + report.tables).map { "# \($0.name)\n" + body($0) }.joined(separator: "\n")
    }
}
