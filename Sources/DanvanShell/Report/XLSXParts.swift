/// The XML parts of a workbook (SpreadsheetML), written as text: content types, the
/// relationships, the workbook, the styles and one worksheet per table.
enum XLSXParts {
    /// The cell styles (`cellXfs` indexes): 0 plain; 1 a heading (bold); 2 a rate (0.0%);
    /// 3 a day (dd/mm/yyyy); 4 bold (a total); 5 a bold rate.
    enum Style: Int {
        case plain = 0, heading, percent, date, bold, boldPercent
    }

    /// `[Content_Types].xml`: the parts and their types.
    static func contentTypes(sheets: Int) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for i in 1...max(1, sheets) {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return s + "</Types>"
    }

    /// `_rels/.rels`: where the workbook is.
    static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    /// `xl/workbook.xml`: the sheets, by name.
    static func workbook(names: [String]) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (i, name) in names.enumerated() {
            s += #"<sheet name="\#(escape(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return s + "</sheets></workbook>"
    }

    /// `xl/_rels/workbook.xml.rels`: the sheets' and the styles' parts.
    static func workbookRelationships(sheets: Int) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 1...max(1, sheets) {
            s += #"<Relationship Id="rId\#(i)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i).xml"/>"#
        }
        s += #"<Relationship Id="rId\#(sheets + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return s + "</Relationships>"
    }

    /// `xl/styles.xml`: the number formats (0.0%, dd/mm/yyyy), the bold font, the cell styles of `Style`.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="6">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    /// A worksheet: the headings in row 1, frozen, then the rows.
    static func sheet(_ table: ReportTable) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        s += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>"#
        s += "<cols>"
        for (i, column) in table.columns.enumerated() {
            let widest = ([column.title.count] + table.rows.map { i < $0.cells.count ? $0.cells[i].plain.count : 0 }).max() ?? 10
            s += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(min(60, max(8, widest + 2)))" customWidth="1"/>"#
        }
        s += "</cols><sheetData>"
        s += #"<row r="1">"#
        for (i, column) in table.columns.enumerated() {
            s += textCell(reference(i, 1), column.title, style: .heading)
        }
        s += "</row>"
        for (n, row) in table.rows.enumerated() {
            let r = n + 2
            s += #"<row r="\#(r)">"#
            let bold = row.kind == .total
            for (i, cell) in row.cells.enumerated() {
                s += self.cell(reference(i, r), cell, bold: bold)
            }
            s += "</row>"
        }
        return s + "</sheetData></worksheet>"
    }

    /// A cell for a value: numbers as numbers, days as date serials, text inline.
    static func cell(_ ref: String, _ value: ReportValue, bold: Bool) -> String {
        switch value {
        case .number(let n), .change(let n):
            return numberCell(ref, n, style: bold ? .bold : .plain)
        case .percent(let f?), .rateChange(let f?):
            return numberCell(ref, f, style: bold ? .boldPercent : .percent)
        case .date(let d):
            guard let serial = dateSerial(d) else { return textCell(ref, d, style: bold ? .bold : .plain) }
            return #"<c r="\#(ref)" s="\#(Style.date.rawValue)"><v>\#(serial)</v></c>"#
        case .text(let t):
            return textCell(ref, t, style: bold ? .bold : .plain)
        case .percent(nil), .rateChange(nil), .empty:
            return ""
        }
    }

    /// A numeric cell, exact digits; text when the value is not a plain decimal.
    static func numberCell(_ ref: String, _ text: String, style: Style) -> String {
        guard ExactDecimal(text) != nil else { return textCell(ref, text, style: style) }
        return #"<c r="\#(ref)" s="\#(style.rawValue)"><v>\#(text)</v></c>"#
    }

    /// An inline string cell (never read as a formula).
    static func textCell(_ ref: String, _ text: String, style: Style) -> String {
        #"<c r="\#(ref)" s="\#(style.rawValue)" t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
    }

    /// "A1" for column 0, row 1; "AA3" for column 26.
    static func reference(_ column: Int, _ row: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
    }

    /// The spreadsheet serial of a day (days since 1899-12-30), nil for anything but `YYYY-MM-DD`.
    static func dateSerial(_ iso: String) -> Int64? {
        guard let (ys, ms, ds) = ReportFormat.dateParts(iso), let y = Int64(ys), let m = Int64(ms), let d = Int64(ds),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm), then from 1899-12-30.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days1970 = era * 146_097 + doe - 719_468
        return days1970 + 25_569
    }

    /// Text for XML: `&`, `<`, `>`, quotes escaped, control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
