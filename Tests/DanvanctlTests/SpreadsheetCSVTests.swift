import Foundation
import Testing

/// `-o csv` is for spreadsheets (issue 19, item 16c): a UTF-8 byte order mark first, so
/// Excel on Windows reads Vietnamese as UTF-8 rather than ANSI; readable headers with
/// their units; numbers as plain machine numbers, so they stay numbers. `-o csv-keys` is
/// for scripts: the protocol's keys as headers and no byte order mark.
@Suite struct SpreadsheetCSVTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func spreadsheetCsvHasBomReadableHeadersAndPlainNumbers() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["-o", "csv", "units", "LC"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Array(r.stdoutBytes.prefix(3)) == Self.bom)
        // Exactly one mark, at the start.
        #expect(r.stdoutBytes.dropFirst(3).starts(with: Array("row,".utf8)))
        let csv = CSVFile(r.stdout)
        #expect(csv.hasBOM)
        #expect(Array(csv.header.prefix(6)) == ["row", "unit code", "unit name", "unit level", "unit parent", "year"])
        for label in ["land donated (m²)", "donor households", "assets (VND)", "funds (VND)", "workdays", "works road count",
                      "works road length (km)", "works border road value (VND)", "dialogues ad hoc",
                      "opinions answered rate (fraction)", "models by field culture society"] {
            #expect(csv.header.contains(label), "\(label) in \(csv.header)")
        }
        #expect(Set(csv.header).count == csv.header.count)
        let total = try #require(try csv.records(where: "row", is: "total").first)
        #expect(total[try csv.column("funds (VND)")] == "113461620000")
        #expect(total[try csv.column("unit name")] == "Lào Cai")
        // The name in NFC UTF-8, as stored: "à" is C3 A0.
        let name: [UInt8] = [0x4C, 0xC3, 0xA0, 0x6F, 0x20, 0x43, 0x61, 0x69]
        #expect(r.stdoutBytes.indices.contains { r.stdoutBytes[$0...].starts(with: name) })
    }

    @Test func csvKeysIsForScripts() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["-o", "csv-keys", "units", "LC"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutBytes.starts(with: Array("row,unit.code,unit.name,unit.level,unit.parent,year,landDonatedM2,".utf8)))
    }

    /// Every command that prints csv: one mark, readable headers; csv-keys: none, keys.
    @Test(arguments: [["status"], ["summary", "BY"], ["campaigns"], ["campaign", "NTM-2021"], ["opinions", "--limit", "2"],
                      ["models", "BY"], ["read", "--limit", "2"], ["export", "--from", "8683"], ["schema"]])
    func everyCsvStartsWithOneMark(command: [String]) throws {
        let daemon = try Daemon()
        let csv = try daemon.ctl(["-o", "csv"] + command)
        #expect(csv.status == 0, "\(command): \(csv.stderr)")
        #expect(csv.stdoutBytes.starts(with: Self.bom), "\(command)")
        #expect(csv.stdout.unicodeScalars.filter { $0 == "\u{FEFF}" }.count == 1, "\(command)")
        let keys = try daemon.ctl(["-o", "csv-keys"] + command)
        #expect(keys.status == 0, "\(command): \(keys.stderr)")
        #expect(!keys.stdoutBytes.starts(with: Self.bom), "\(command)")
        let header = CSVFile(keys.stdout).header
        #expect(!header.contains { $0.contains(" ") }, "\(command): \(header)")
        #expect(CSVFile(csv.stdout).header.count == header.count, "\(command)")
    }

    @Test func readableHeadersOfEventsAndStatus() throws {
        let daemon = try Daemon()
        let events = CSVFile(try daemon.ctl(["-o", "csv", "read", "--limit", "1"]).stdout)
        #expect(events.header == ["seq", "id", "type", "stream", "version", "recorded at (UTC)", "actor uid", "actor user", "data"])
        let status = CSVFile(try daemon.ctl(["-o", "csv", "status"]).stdout)
        for label in ["seq", "log size (bytes)", "uptime (s)", "snapshot seq", "snapshot age (s)"] {
            #expect(status.header.contains(label), "\(label) in \(status.header)")
        }
    }

    /// What citizens said goes into cells as text: a topic typed as `=SUM(A1)` must not run as a
    /// formula when the CSV is opened in a spreadsheet (it did, in LibreOffice); csv-keys keeps it.
    @Test func textThatWouldRunAsAFormulaIsDefused() throws {
        let daemon = try Daemon()
        let opinions = #"opinions:=[{"opinion":"1","text":"- đề nghị sửa đường","topic":"=SUM(A1)"},{"opinion":"2","text":"@x","topic":"+1"}]"#
        let r = try daemon.ctl(["append", "dialogue.held", "dialogue=CSV-1", "unit=BY", "chair=joint", "format=ad_hoc",
                                "heldOn=2024-05-02", "topic=Giao thông", opinions])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = CSVFile(try daemon.ctl(["-o", "csv", "opinions", "BY", "--limit", "10000"]).stdout)
        let cells = Set(csv.records.flatMap { $0 })
        for defused in ["'=SUM(A1)", "'+1", "'- đề nghị sửa đường", "'@x"] { #expect(cells.contains(defused), "\(defused)") }
        #expect(!cells.contains("=SUM(A1)"))
        let keys = CSVFile(try daemon.ctl(["-o", "csv-keys", "opinions", "BY", "--limit", "10000"]).stdout)
        #expect(Set(keys.records.flatMap { $0 }).contains("=SUM(A1)"))
    }
}
