/// How a command prints its result (`--output`, `\output`).
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people.
    case table
    /// The protocol's result object, indented.
    case json
    /// One compact JSON object per line: each row of a list, or the one result.
    case ndjson
    /// For spreadsheets: a UTF-8 byte order mark (without it Excel on Windows reads the
    /// file as ANSI and garbles Vietnamese), a header of readable names with units
    /// (`land donated (m²)`), one row per row of the list; numbers plain (`1200.5`).
    case csv
    /// For scripts: the same rows with the protocol's keys as the header
    /// (`landDonatedM2`, `works.road.count`), stable across versions, and no byte order
    /// mark (which most CSV libraries would take for part of the first key).
    case csvKeys = "csv-keys"

    /// Whether it is one of the two CSV formats.
    public var isCSV: Bool { self == .csv || self == .csvKeys }

    /// The default when none is asked for: a table on a terminal, JSON for programs.
    public static func defaultFor(stdoutIsTerminal: Bool) -> OutputFormat {
        stdoutIsTerminal ? .table : .json
    }
}
