/// A horizontal bar chart as inline SVG: one `<rect class="bar">` per item row of its table
/// (a child unit), its label on the left and its figure, exact and in the report's language,
/// at the bar's end. No `xmlns`: the HTML parser puts `<svg>` in its namespace, and the page
/// then holds no URL at all. Bar lengths are the only place a figure becomes a `Double`: geometry,
/// never a printed digit.
enum SVGBarChart {
    /// The chart as a `<figure>`; a line saying there is nothing when the table has no items.
    static func render(_ chart: ReportChart, table: ReportTable, format: ReportFormat, empty: String) -> String {
        let caption = HTMLReport.escape(chart.title)
        guard let li = table.column(chart.labelColumn), let vi = table.column(chart.valueColumn) else { return "" }
        let rows = table.itemRows
        var out = "<figure class=\"chart\" data-kind=\"bars\" data-table=\"\(HTMLReport.escape(table.name))\" data-column=\"\(HTMLReport.escape(chart.valueColumn))\">"
        out += "<figcaption>\(caption)</figcaption>\n"
        guard !rows.isEmpty else { return out + "<p class=\"empty\">\(HTMLReport.escape(empty))</p></figure>\n" }
        let values = rows.map { magnitude(vi < $0.cells.count ? $0.cells[vi] : .empty) }
        let largest = values.max() ?? 0
        let labelWidth = 170.0, barWidth = 380.0, rowHeight = 18.0, width = 640.0
        let height = rowHeight * Double(rows.count) + 4
        out += "<svg role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        for (n, row) in rows.enumerated() {
            let y = Double(n) * rowHeight + 2
            let label = li < row.cells.count ? row.cells[li].display(format) : ""
            let value = vi < row.cells.count ? row.cells[vi].display(format) : ""
            let length = largest > 0 ? max(0, values[n] / largest * barWidth) : 0
            out += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + 12))\" text-anchor=\"end\">\(HTMLReport.escape(label))</text>"
            out += "<rect class=\"bar\" x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 2))\" width=\"\(fmt(length))\" height=\"\(fmt(rowHeight - 5))\">"
            out += "<title>\(HTMLReport.escape(label)): \(HTMLReport.escape(value))</title></rect>"
            out += "<text x=\"\(fmt(labelWidth + length + 4))\" y=\"\(fmt(y + 12))\">\(HTMLReport.escape(value))</text>\n"
        }
        return out + "</svg></figure>\n"
    }

    /// A cell's size for the bar's length (0 for nothing).
    static func magnitude(_ value: ReportValue) -> Double {
        switch value {
        case .number(let t), .change(let t), .percent(let t?), .rateChange(let t?): return Double(t) ?? 0
        default: return 0
        }
    }

    /// A coordinate with at most one decimal.
    static func fmt(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }
}
