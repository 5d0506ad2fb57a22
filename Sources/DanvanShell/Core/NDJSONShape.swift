import DanvanProtocol

/// What danvanctl tells someone who hands `import` (or `append --file`) a spreadsheet
/// (`SpreadsheetFile` decides whether it is one).
enum NDJSONShape {
    /// What import reads, for messages.
    static let expected = """
        import reads NDJSON: one JSON event per line, as 'danvanctl export' writes it (append --file reads one), e.g. \
        {"type":"unit.registered","data":{"code":"BY","name":"Bảo Yên","level":"district","parent":"LC"}}
        """

    /// The message for a spreadsheet given where NDJSON is expected.
    static func message(_ name: String, reason: String) -> String {
        "\(name) is not NDJSON (\(reason)); \(expected). A spreadsheet (CSV or XLSX) is imported with import-sheet \(name) --map MAP (danvanctl help import-sheet); nothing was sent"
    }
}
