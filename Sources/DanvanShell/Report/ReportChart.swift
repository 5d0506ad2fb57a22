/// A chart of a report: bars of one column of a table, one bar per item row (a child unit),
/// labelled by another column; or a line through one point per row (a month). HTML draws it
/// as inline SVG; the other formats have the table.
struct ReportChart: Sendable {
    /// How it is drawn.
    enum Kind: Sendable, Equatable {
        /// `SVGBarChart`.
        case bars
        /// `SVGLineChart`.
        case line
    }

    /// How it is drawn.
    var kind: Kind = .bars
    /// Its heading in the report's language.
    var title: String
    /// The table it draws (`ReportTable.name`).
    var table: String
    /// The column of the bars' labels.
    var labelColumn: String
    /// The column of the bars' values.
    var valueColumn: String
}
