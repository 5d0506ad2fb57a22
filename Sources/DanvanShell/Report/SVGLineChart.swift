/// A line chart as inline SVG: one `<circle class="point">` per item row of its table (a
/// month), joined by a `<polyline class="line">`, the rows' labels under the axis and the last
/// figure, exact and in the report's language, at the line's end. As for bars, a figure
/// becomes a `Double` only for its position.
enum SVGLineChart {
    /// The chart as a `<figure>`; a line saying there is nothing when the table has no rows.
    static func render(_ chart: ReportChart, table: ReportTable, format: ReportFormat, empty: String) -> String {
        guard let li = table.column(chart.labelColumn), let vi = table.column(chart.valueColumn) else { return "" }
        let rows = table.itemRows
        var out = "<figure class=\"chart\" data-kind=\"line\" data-table=\"\(HTMLReport.escape(table.name))\" data-column=\"\(HTMLReport.escape(chart.valueColumn))\">"
        out += "<figcaption>\(HTMLReport.escape(chart.title))</figcaption>\n"
        guard !rows.isEmpty else { return out + "<p class=\"empty\">\(HTMLReport.escape(empty))</p></figure>\n" }
        let values = rows.map { SVGBarChart.magnitude(vi < $0.cells.count ? $0.cells[vi] : .empty) }
        let largest = max(values.max() ?? 0, 0)
        let left = 20.0, top = 10.0, plotWidth = 480.0, plotHeight = 140.0, width = 640.0, height = 180.0
        let step = rows.count > 1 ? plotWidth / Double(rows.count - 1) : 0
        func x(_ i: Int) -> Double { left + Double(i) * step }
        func y(_ v: Double) -> Double { top + plotHeight - (largest > 0 ? v / largest * plotHeight : 0) }
        let fmt = SVGBarChart.fmt
        out += "<svg role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        out += "<line class=\"axis\" x1=\"\(fmt(left))\" y1=\"\(fmt(top + plotHeight))\" x2=\"\(fmt(left + plotWidth))\" y2=\"\(fmt(top + plotHeight))\"/>"
        let points = values.indices.map { "\(fmt(x($0))),\(fmt(y(values[$0])))" }.joined(separator: " ")
        out += "<polyline class=\"line\" points=\"\(points)\"/>\n"
        for (i, row) in rows.enumerated() {
            let label = li < row.cells.count ? row.cells[li].display(format) : ""
            let value = vi < row.cells.count ? row.cells[vi].display(format) : ""
            out += "<circle class=\"point\" cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(values[i])))\" r=\"3\"><title>\(HTMLReport.escape(label)): \(HTMLReport.escape(value))</title></circle>"
            out += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(top + plotHeight + 14))\" text-anchor=\"middle\">\(HTMLReport.escape(String(label.suffix(2))))</text>\n"
        }
        if let last = rows.last, vi < last.cells.count, let lastValue = values.last {
            out += "<text x=\"\(fmt(x(rows.count - 1) + 8))\" y=\"\(fmt(y(lastValue) + 3))\">\(HTMLReport.escape(last.cells[vi].display(format)))</text>\n"
        }
        return out + "</svg></figure>\n"
    }
}
