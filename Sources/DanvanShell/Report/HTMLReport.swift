/// A report as one self-contained HTML file: no script, no font or image fetched (a
/// Content-Security-Policy says so to the browser), styles inline, printed on A4 (`@page`),
/// with inline SVG charts after the tables they draw: bars by child unit (`SVGBarChart`),
/// lines month by month (`SVGLineChart`).
enum HTMLReport {
    /// The document.
    static func render(_ report: Report) -> String {
        let format = report.format
        var out = """
            <!DOCTYPE html>
            <html lang="\(report.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(report.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(escape(report.title))</h1>
            <dl class="facts">

            """
        for (label, value) in report.facts {
            out += "<dt>\(escape(label))</dt><dd>\(escape(value))</dd>\n"
        }
        out += "</dl>\n"
        for table in report.tables {
            out += "<section data-table=\"\(escape(table.name))\">\n<h2>\(escape(table.title))</h2>\n"
            out += tableHTML(table, format: format, empty: report.labels.text(.noRows))
            if let note = table.note { out += "<p class=\"note\">\(escape(note))</p>\n" }
            for chart in report.charts where chart.table == table.name {
                switch chart.kind {
                case .bars: out += SVGBarChart.render(chart, table: table, format: format, empty: report.labels.text(.noRows))
                case .line: out += SVGLineChart.render(chart, table: table, format: format, empty: report.labels.text(.noRows))
                }
            }
            out += "</section>\n"
        }
        return out + "</body>\n</html>\n"
    }

    /// A table: headings, rows, the total row set off.
    static func tableHTML(_ table: ReportTable, format: ReportFormat, empty: String) -> String {
        guard !table.rows.isEmpty else { return "<p class=\"empty\">\(escape(empty))</p>\n" }
        let shown = table.columns.indices.filter { table.columns[$0].forPeople }
        var out = "<table class=\"report\" data-name=\"\(escape(table.name))\">\n<thead><tr>"
        for i in shown {
            out += "<th\(MarkdownReport.numeric(table, i) ? " class=\"num\"" : "")>\(escape(table.columns[i].title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let kind = row.kind == .total ? " class=\"total\"" : row.kind == .own ? " class=\"own\"" : ""
            out += "<tr\(kind)>"
            for i in shown {
                let cell = i < row.cells.count ? row.cells[i] : .empty
                out += "<td\(cell.isNumeric ? " class=\"num\"" : "")>\(escape(cell.display(format)))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Text for HTML: `&`, `<`, `>`, quotes.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The styles: A4 pages with margins, system fonts only, tables that do not split a row.
    static let style = """
        @page { size: A4; margin: 18mm 15mm; }
        body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 180mm; }
        h1 { font-size: 16pt; margin: 0 0 6pt; }
        h2 { font-size: 12.5pt; margin: 14pt 0 5pt; break-after: avoid; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2pt 10pt; margin: 0 0 8pt; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; }
        table.report { border-collapse: collapse; width: 100%; margin: 0 0 6pt; font-size: 8pt; }
        table.report th, table.report td { border: 0.5pt solid #999; padding: 1.5pt 3pt; vertical-align: top; }
        table.report th { font-size: 7.5pt; overflow-wrap: anywhere; }
        table.report td { overflow-wrap: anywhere; }
        table.report th { background: #e8eef6; text-align: left; }
        table.report thead { display: table-header-group; }
        table.report tr { break-inside: avoid; }
        .num { text-align: right; white-space: nowrap; }
        tr.total td { font-weight: bold; border-top: 1.2pt solid #333; }
        tr.own td { font-style: italic; }
        p.note, p.empty { font-style: italic; color: #444; }
        figure.chart { margin: 6pt 0 10pt; break-inside: avoid; }
        figure.chart figcaption { font-weight: bold; margin-bottom: 3pt; }
        svg rect.bar { fill: #2f6db5; }
        svg polyline.line { fill: none; stroke: #b5482f; stroke-width: 2; }
        svg circle.point { fill: #b5482f; }
        svg line.axis { stroke: #666; stroke-width: 1; }
        svg text { font-size: 9px; fill: #111; }
        """
}
