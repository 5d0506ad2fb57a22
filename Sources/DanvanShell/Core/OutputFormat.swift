/// How a command prints its result (`--output`, `\output`).
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people.
    case table
    /// The protocol's result object, indented.
    case json
    /// One compact JSON object per line: each item of a list, or the one result.
    case ndjson
    /// A header row and one row per item, nested members as dotted columns.
    case csv

    /// The default when none is asked for: a table on a terminal, JSON for programs.
    public static func defaultFor(stdoutIsTerminal: Bool) -> OutputFormat {
        stdoutIsTerminal ? .table : .json
    }
}
