/// A chart of a report: bars of one column of a table, one bar per item row (a child unit),
/// labelled by another column. HTML draws it as inline SVG; the other formats have the table.
struct ReportChart: Sendable {
    /// Its heading in the report's language.
    var title: String
    /// The table it draws (`ReportTable.name`).
    var table: String
    /// The column of the bars' labels.
    var labelColumn: String
    /// The column of the bars' values.
    var valueColumn: String
}
