import DanvanClient
import DanvanJSON

/// Prints a result in the chosen format. json prints the protocol's own result; ndjson
/// and csv print the same rows as the table (`units` with its own and total rows);
/// table calls the command's own renderer.
struct Printer {
    let out: OutputStream
    let format: OutputFormat

    /// A result that is one object (summary, status, campaign); csv flattens `record`
    /// when given (a summary in the columns `units` shares), else the result.
    func single(_ value: JSONValue, record: JSONValue? = nil, table: () -> String) {
        switch format {
        case .json: out.write(JSONPretty.string(value) + "\n")
        case .ndjson: out.write(JSONWriter.string(value) + "\n")
        case .csv, .csvKeys:
            let cols = JSONFlatten.columns(record ?? value)
            out.write(CSVHeader.heading(cols.map(\.key), format: format))
            out.write(CSV.record(cols.map(\.text), spreadsheet: format == .csv))
        case .table: out.write(table())
        }
        asOfLine(value)
    }

    /// An answer at a past point (`--as-of`) says which: a line under the table; on stderr
    /// beside csv and ndjson rows (which must stay rows); json has `asOf` in the result.
    private func asOfLine(_ result: JSONValue) {
        guard let caption = AsOfInput.caption(result) else { return }
        switch format {
        case .table: out.write(caption + "\n")
        case .csv, .csvKeys, .ndjson:
            out.flush()
            Terminal.write("danvanctl: \(caption)\n", to: 2)
        case .json: break
        }
    }

    /// A result holding a list (`whole`, of which `items` are the rows): json prints the
    /// whole result, ndjson one row per line, csv one row per record.
    ///
    /// `cut` says, when the list is not all there is (a limit), what the table's footer
    /// says; csv and ndjson have no footer, so it goes to stderr, and a count of their
    /// rows is never taken for the whole. json carries it in the result itself.
    ///
    /// `csv` gives fixed columns (events of different types share one header): the keys
    /// and the fields of the records; without it csv flattens `items`. In `csv`, for
    /// spreadsheets, text that would run as a formula is defused (`CSV.spreadsheetText`).
    func list(_ whole: JSONValue, items: [JSONValue], cut: String? = nil, csv: (keys: [String], records: () -> [[String]])? = nil,
              table: () -> String) {
        switch format {
        case .json: out.write(JSONPretty.string(whole) + "\n")
        case .ndjson: for item in items { out.write(JSONWriter.string(item) + "\n") }
        case .csv, .csvKeys:
            if let csv {
                out.write(CSVHeader.heading(csv.keys, format: format))
                for fields in csv.records() { out.write(CSV.record(fields, spreadsheet: format == .csv)) }
            } else {
                let (header, rows) = JSONFlatten.table(items)
                out.write(CSVHeader.heading(header, format: format))
                for row in rows { out.write(CSV.record(row, spreadsheet: format == .csv)) }
            }
        case .table: out.write(table())
        }
        asOfLine(whole)
        if let cut, format.isCSV || format == .ndjson {
            out.flush()
            Terminal.write("danvanctl: \(cut)\n", to: 2)
        }
    }
}
