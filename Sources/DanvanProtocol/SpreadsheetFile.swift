/// Whether a file handed to an import that does not parse as NDJSON is in fact a
/// spreadsheet, so the person is told what is expected instead of "not valid JSON:
/// unexpected character at byte 0". Shared by `danvanctl import`/`append --file` and the
/// offline `danvand import`, which word their own messages.
public enum SpreadsheetFile {
    /// Why `bytes` (the file `path`) looks like a spreadsheet rather than NDJSON, or nil when
    /// nothing says so. Call it only once the first line failed to parse as JSON: a valid
    /// NDJSON file is never refused for its name.
    public static func reason(path: String, bytes: [UInt8], firstLine: ArraySlice<UInt8>) -> String? {
        let lower = path.lowercased()
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "it is a ZIP archive, as XLSX and ODS spreadsheets are"
        }
        if let ext = [".csv", ".tsv", ".xlsx", ".xls", ".ods"].first(where: { lower.hasSuffix($0) }) {
            return "its name ends in \(ext)"
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return "it starts with a UTF-8 byte order mark, as spreadsheet programs write CSV (an NDJSON file saved with one must be saved again as UTF-8 without BOM)"
        }
        let separators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        if firstLine.contains(where: separators.contains), !firstLine.contains(UInt8(ascii: "{")) {
            return "its first line has separators and no braces, like a CSV header"
        }
        return nil
    }
}
