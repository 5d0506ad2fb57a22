import DanvanClient
import DanvanJSON

/// Prints a result in the chosen format. json and ndjson print the protocol's own
/// objects; csv flattens them; table calls the command's own renderer.
struct Printer {
    let out: OutputStream
    let format: OutputFormat

    /// A result that is one object (summary, status, campaign).
    func single(_ value: JSONValue, table: () -> String) {
        switch format {
        case .json: out.write(JSONPretty.string(value) + "\n")
        case .ndjson: out.write(JSONWriter.string(value) + "\n")
        case .csv:
            let cols = JSONFlatten.columns(value)
            out.write(CSV.record(cols.map(\.key)))
            out.write(CSV.record(cols.map(\.text)))
        case .table: out.write(table())
        }
    }

    /// A result holding a list (`whole`, of which `items` is the list): json prints the
    /// whole result, ndjson one item per line, csv one row per item.
    func list(_ whole: JSONValue, items: [JSONValue], csv: (() -> String)? = nil, table: () -> String) {
        switch format {
        case .json: out.write(JSONPretty.string(whole) + "\n")
        case .ndjson: for item in items { out.write(JSONWriter.string(item) + "\n") }
        case .csv:
            if let csv {
                out.write(csv())
                return
            }
            let (header, rows) = JSONFlatten.table(items)
            out.write(CSV.record(header))
            for row in rows { out.write(CSV.record(row)) }
        case .table: out.write(table())
        }
    }
}
