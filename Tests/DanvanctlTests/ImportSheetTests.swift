@testable import DanvanShell
import DanvanJSON
import Foundation
import Testing

/// `danvanctl import-sheet` against a real daemon with the sample sheets (Samples/sheets: a CSV
/// and an xlsx, Vietnamese headers, one bad row each): the dry run, the refusal of a file with
/// a bad row, --skip-bad and its rejected file, the re-import that stores nothing twice, an
/// edited row, and the mapping's mistakes.
@Suite struct ImportSheetTests {
    static let sheets = Paths.root + "/Samples/sheets"

    /// The sample sheet and mapping copied into a new directory (the rejected file goes beside the sheet).
    static func copies() throws -> (dir: String, csv: String, xlsx: String, map: String) {
        let dir = try Paths.temporaryDirectory("sheet")
        for name in ["hien-dat.csv", "hien-dat.xlsx", "hien-dat.map.json"] {
            try FileManager.default.copyItem(atPath: sheets + "/" + name, toPath: dir + "/" + name)
        }
        return (dir, dir + "/hien-dat.csv", dir + "/hien-dat.xlsx", dir + "/hien-dat.map.json")
    }

    func seq(_ daemon: Daemon) throws -> Int64 { try daemon.json(["status"])["seq"]?.int64Value ?? -1 }

    @Test func dryRunListsTheBadRowAndStoresNothing() throws {
        let daemon = try Daemon()
        let f = try Self.copies()
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let r = try daemon.ctl(["import-sheet", f.csv, "--map", f.map, "--dry-run"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout == """
            hien-dat.csv: row 5, column 'Ngày hiến': '31/06/2024' is not a date: write dd/mm/yyyy (31/12/2023) or yyyy-mm-dd (2023-12-31)
            dry run: 5 rows read, 4 would be sent, 1 refused; nothing was stored

            """, "\(r.stdout)")
        // Without --dry-run, the bad row refuses the file.
        let refused = try daemon.ctl(["import-sheet", f.csv, "--map", f.map])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("danvanctl: 1 of 5 rows of hien-dat.csv are refused:\nhien-dat.csv: row 5, column 'Ngày hiến'"), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was sent"))
        #expect(try seq(daemon) == 8684)
        #expect(!FileManager.default.fileExists(atPath: f.dir + "/hien-dat.rejected.csv"))
    }

    @Test func skipBadThenReimportThenAnEditedRow() throws {
        let daemon = try Daemon()
        let f = try Self.copies()
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let first = try daemon.json(["import-sheet", f.csv, "--map", f.map, "--skip-bad"])
        #expect(first["rows"] == 5)
        #expect(first["stored"] == 4)
        #expect(first["duplicates"] == 0)
        #expect(first["refused"] == 1)
        let rejected = CSVFile(try String(contentsOfFile: f.dir + "/hien-dat.rejected.csv", encoding: .utf8))
        #expect(rejected.header == ["row", "Đơn vị", "Số hộ", "Diện tích (m²)", "Giá trị tài sản (đồng)", "Mục đích", "Ngày hiến", "reason"])
        #expect(rejected.records.count == 1)
        #expect(rejected.records.first?.first == "5")
        #expect(rejected.records.first?.last?.hasPrefix("Ngày hiến: '31/06/2024' is not a date") == true)

        // What was stored: names resolved to codes, Vietnamese numbers and days read exactly.
        let events = try daemon.json(["read", "--from", "8685", "--limit", "10"])["events"]?.arrayValue ?? []
        #expect(events.count == 4)
        let row2 = events.first?["data"]
        #expect(row2 == ["unit": "BY-BAOHA", "households": 3, "areaM2": .number("1200.5"), "assetsVnd": 15000000, "purpose": "road", "donatedOn": "2024-05-02"])
        #expect(events.map { $0["data"]?["unit"]?.stringValue ?? "" } == ["BY-BAOHA", "BY-CAMCON", "BY-VIETTIEN", "BY-PHUCKHANH"])
        #expect(events.last?["data"]?["areaM2"] == 3000)

        // The same sheet again: nothing new.
        let again = try daemon.json(["import-sheet", f.csv, "--map", f.map, "--skip-bad"])
        #expect(again["stored"] == 0)
        #expect(again["duplicates"] == 4)
        #expect(try seq(daemon) == 8688)

        // An edited row is a new event; the others are duplicates.
        var text = try String(contentsOfFile: f.csv, encoding: .utf8)
        text = text.replacingOccurrences(of: "Bảo Hà,3,", with: "Bảo Hà,4,")
        try Data(text.utf8).write(to: URL(fileURLWithPath: f.csv))
        // The mapping's key (unit and day) finds the row's old event: the dry run says so, an
        // import without --replace-edited keeps it and says so, one with it voids it.
        let oldID = try #require(events.first?["id"]?.stringValue)
        let dryEdited = try daemon.ctl(["import-sheet", f.csv, "--map", f.map, "--dry-run"])
        #expect(dryEdited.stdout.contains("hien-dat.csv: row 2 was edited since an earlier import: its old event \(oldID) stays (--replace-edited voids it)\n"), "\(dryEdited.stdout)")
        #expect(dryEdited.stdout.hasSuffix("dry run: 5 rows read, 4 would be sent, 1 refused, 1 edited since an earlier import; nothing was stored\n"))
        let edited = try daemon.ctl(["-o", "json", "import-sheet", f.csv, "--map", f.map, "--skip-bad"])
        let editedResult = try JSONParser.parse(edited.stdout)
        #expect(editedResult["stored"] == 1)
        #expect(editedResult["duplicates"] == 3)
        #expect(editedResult["edited"] == 1)
        #expect(editedResult["voided"] == 0)
        #expect(edited.stderr.contains("danvanctl: hien-dat.csv: row 2 was edited since an earlier import: its old event \(oldID) stays (--replace-edited voids it)"), "\(edited.stderr)")
        let replaced = try daemon.json(["import-sheet", f.csv, "--map", f.map, "--skip-bad", "--replace-edited"])
        #expect(replaced["stored"] == 1)
        #expect(replaced["voided"] == 1)
        let void = try daemon.json(["read", "--from", "8690", "--limit", "1"])["events"]?.arrayValue?.first
        #expect(void?["type"] == "entry.voided")
        #expect(void?["data"]?["target"] == .string(oldID))
        let table = try daemon.ctl(["-o", "table", "import-sheet", f.csv, "--map", f.map, "--skip-bad", "--replace-edited"])
        #expect(table.stdout == "imported hien-dat.csv: 5 rows read, 0 events stored, 4 duplicates, 1 refused (written to \(f.dir)/hien-dat.rejected.csv, with the reason)\n", "\(table.stdout)")
        #expect(table.stderr.isEmpty, "\(table.stderr)")
        // Without a key in the mapping there is nothing to find the old event by.
        let noKey = f.dir + "/nokey.map.json"
        let text2 = try String(contentsOfFile: f.map, encoding: .utf8).replacingOccurrences(of: #""key": ["Đơn vị", "Ngày hiến"],"#, with: "")
        try Data(text2.utf8).write(to: URL(fileURLWithPath: noKey))
        let refusedFlag = try daemon.ctl(["import-sheet", f.csv, "--map", noKey, "--replace-edited"])
        #expect(refusedFlag.status == 64)
        #expect(refusedFlag.stderr.contains("danvanctl: --replace-edited needs \"key\" in the mapping"), "\(refusedFlag.stderr)")
    }

    /// A workbook: numeric cells as stored, day cells as dates, a sheet chosen by name.
    @Test func workbook() throws {
        let daemon = try Daemon()
        let f = try Self.copies()
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let dry = try daemon.ctl(["import-sheet", f.xlsx, "--map", f.map, "--dry-run"])
        #expect(dry.status == 1)
        #expect(dry.stdout.hasPrefix("hien-dat.xlsx: row 5, column 'Số hộ': households 'ba' is not a number"), "\(dry.stdout)")
        let notes = try daemon.ctl(["import-sheet", f.xlsx, "--sheet", "Ghi chú", "--map", f.map, "--dry-run"])
        #expect(notes.stderr.contains("danvanctl: hien-dat.xlsx has no column 'Đơn vị' (the mapping's, for unit); its columns are 'Ghi chú'"), "\(notes.stderr)")
        let missing = try daemon.ctl(["import-sheet", f.xlsx, "--sheet", "Không có", "--map", f.map])
        #expect(missing.stderr.contains("danvanctl: hien-dat.xlsx has no sheet 'Không có'; its sheets are 'Hiến đất', 'Ghi chú'"), "\(missing.stderr)")
        let r = try daemon.json(["import-sheet", f.xlsx, "--sheet", "hien dat", "--map", f.map, "--skip-bad"])
        #expect(r["stored"] == 4)
        let events = try daemon.json(["read", "--from", "8685", "--limit", "10"])["events"]?.arrayValue ?? []
        #expect(events.first?["data"] == ["unit": "BY-BAOHA", "households": 2, "areaM2": .number("640.5"), "assetsVnd": 9000000, "purpose": "road", "donatedOn": "2024-07-03"])
        #expect(events.last?["data"]?["unit"] == "BY-YENSON")
        #expect(events.last?["data"]?["donatedOn"] == "2024-08-20")
        // The sheet's identity is its name in the workbook, however --sheet was typed.
        let again = try daemon.json(["import-sheet", f.xlsx, "--map", f.map, "--skip-bad"])
        #expect(again["stored"] == 0)
        #expect(again["duplicates"] == 4)
    }

    /// A mapping that does not fit the sheet or the type refuses the file, saying what to fix.
    @Test func mappingMistakes() throws {
        let daemon = try Daemon()
        let f = try Self.copies()
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        func mapping(_ json: String) throws -> String {
            let path = f.dir + "/bad.map.json"
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        func fails(_ args: [String], _ status: Int32, _ message: String) throws {
            let r = try daemon.ctl(["import-sheet"] + args)
            #expect(r.status == status, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        try fails([f.csv, "--map", try mapping(#"{"type":"land.donated","columns":{"Đơn vị":"unit","Số hộ":"hộ"}}"#)], 1,
                  "danvanctl: the mapping's column 'Số hộ' names the field 'hộ', which land.donated does not have; its fields are")
        try fails([f.csv, "--map", try mapping(#"{"type":"land.donated","columns":{"Xã":"unit"}}"#)], 1,
                  "danvanctl: hien-dat.csv has no column 'Xã' (the mapping's, for unit); its columns are 'Đơn vị', 'Số hộ'")
        try fails([f.csv, "--map", try mapping(#"{"type":"land.donated","columns":{"Đơn vị":"unit"}}"#)], 1,
                  "danvanctl: the mapping gives no column or constant for households, areaM2, purpose, donatedOn, which land.donated requires")
        try fails([f.csv, "--map", f.map, "--type", "funds.contributed"], 64, "danvanctl: --type funds.contributed but the mapping")
        try fails([f.csv], 64, "danvanctl: import-sheet needs --map MAP")
        try fails([f.csv, "--map", try mapping("{")], 1, "is not valid JSON")
        #expect(try seq(daemon) == 8684)
    }

    @Test func idsAndReaders() throws {
        #expect(SHA1.hash(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.hash([]).map { String(format: "%02x", $0) }.joined() == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(UUIDv5.make(name: "abc") == "d94fc4db-fb30-5372-a0d6-99dbd14043e6")
        let csv = try #require(SheetCSVReader.read("\u{FEFF}a;b\n\"x;\n y\";2\n\n3;\"say \"\"hi\"\"\"\n"))
        #expect(csv.header == ["a", "b"])
        #expect(csv.rows.map(\.number) == [2, 5])
        #expect(csv.rows.first?.cells.map(\.text) == ["x;\n y", "2"])
        #expect(csv.rows.last?.cells.map(\.text) == ["3", "say \"hi\""])
        #expect(XMLScanner.decode(Array("a &amp; b &lt;c&gt; &#7843; &#x1EA1;".utf8)[...]) == "a & b <c> ả ạ")
        #expect(SheetRowReader.day("1/2/2023", serial: false) == "2023-02-01")
        #expect(SheetRowReader.day("45291", serial: true) == "2023-12-31")
        #expect(SheetRowReader.day("31/02/2023", serial: false) == nil)
    }
}
