/// What `report --format` writes.
enum ReportFileFormat: String, Sendable, CaseIterable {
    /// Markdown (the default).
    case md
    /// One self-contained HTML file with charts.
    case html
    /// CSV, one document per table.
    case csv
    /// An Office Open XML workbook.
    case xlsx

    /// The value of `--format`, or the usage error that names the formats.
    static func parse(_ text: String) throws(CommandFailure) -> ReportFileFormat {
        guard let format = ReportFileFormat(rawValue: text) else {
            throw .usage("--format wants md, html, csv or xlsx, got '\(text)'")
        }
        return format
    }
}
