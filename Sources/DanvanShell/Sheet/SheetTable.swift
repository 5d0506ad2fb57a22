/// A spreadsheet's table as `import-sheet` reads it, from a CSV file or one sheet of a
/// workbook: the header row's names and the rows after it, each with its row number as the
/// spreadsheet shows it (the header is row 1), so a refusal names the row staff see.
struct SheetTable: Sendable {
    /// One cell: its text, and whether the workbook stored it as a number (an xlsx numeric
    /// cell is plain machine digits, `1234.5`, whatever the sheet's locale showed).
    struct Cell: Sendable, Equatable {
        /// The text (a number's digits for a numeric cell).
        var text: String
        /// Whether it is a workbook's numeric cell.
        var isNumber = false
    }

    /// A row: its number and its cells, one per column (missing cells are empty).
    struct Row: Sendable {
        /// The row number as the spreadsheet shows it.
        var number: Int
        /// The cells.
        var cells: [Cell]
    }

    /// The workbook's name of the sheet read; nil for CSV.
    var sheet: String?
    /// The header's names, trimmed.
    var header: [String]
    /// The rows after the header that hold anything.
    var rows: [Row]
}
