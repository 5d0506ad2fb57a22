import Foundation
import Testing

/// `danvand import` names a spreadsheet as such, as danvanctl's import does, and opens
/// nothing for it.
@Suite struct OfflineImportInputTests {
    @Test(arguments: [
        ("units.csv", "code,name\nX,Y\n", "its name ends in .csv"),
        ("units.txt", "\u{FEFF}code;name\nX;Y\n", "it starts with a UTF-8 byte order mark"),
        ("units.txt", "code;name\nX;Y\n", "its first line has separators and no braces"),
    ])
    func aSpreadsheetIsNamedAndNothingIsCreated(name: String, content: String, reason: String) throws {
        let d = try Daemon()
        let file = d.directory + "/" + name
        try content.write(toFile: file, atomically: true, encoding: .utf8)
        let state = d.directory + "/state"
        let r = try d.tool(["import", "--state-dir", state, file])
        #expect(r.status == 1)
        #expect(r.stderr.contains("is not NDJSON (\(reason)"), "\(r.stderr)")
        #expect(r.stderr.contains("Importing spreadsheets (CSV, XLSX, ODS) is not yet supported; nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: state))
    }

    /// NDJSON under any name is imported; bad JSON that looks like no spreadsheet keeps the
    /// JSON error with its line.
    @Test func ndjsonIsNeverRefusedForItsName() throws {
        let d = try Daemon()
        let file = d.directory + "/events.csv"
        try #"{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try d.tool(["import", "--state-dir", d.directory + "/state", file])
        #expect(r.status == 0, "\(r.stderr)")
        let bad = d.directory + "/bad.ndjson"
        try "{\"type\":\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let b = try d.tool(["import", "--state-dir", d.directory + "/state", bad])
        #expect(b.status == 1)
        #expect(b.stderr.contains("bad.ndjson:1: not valid JSON"), "\(b.stderr)")
        // A refused file leaves no state directory it made.
        let fresh = d.directory + "/fresh"
        let c = try d.tool(["import", "--state-dir", fresh, bad])
        #expect(c.status == 1)
        #expect(c.stderr.contains("the new state directory \(fresh) was removed"), "\(c.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }
}
