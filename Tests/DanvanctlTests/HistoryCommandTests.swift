import DanvanJSON
import Testing

/// `danvanctl history UNIT` on the sample province after its 2025 reorganisation.
@Suite struct HistoryCommandTests {
    @Test func historyPrintsWhatBecameOfAUnitWithDatesAndActs() throws {
        let daemon = try Daemon()
        let imported = try daemon.ctl(["import", Paths.root + "/Samples/reorganisation-2025.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let old = try daemon.ctl(["-o", "table", "history", "Vĩnh", "Yên"])
        #expect(old.status == 0, "\(old.stderr)")
        #expect(old.stdout.contains("exists: until 2025-06-30"), "\(old.stdout)")
        #expect(old.stdout.contains("2025-07-01  merged into Nghĩa Đô (BY-NGHIADO) (1673/NQ-UBTVQH15)"), "\(old.stdout)")
        let new = try daemon.ctl(["-o", "table", "history", "xã", "Bảo", "Yên"])
        #expect(new.stdout.contains("exists: from 2025-07-01"), "\(new.stdout)")
        #expect(new.stdout.contains("formed from Phố Ràng (BY-PHORANG)"), "\(new.stdout)")
        let json = try daemon.ctl(["-o", "json", "history", "BY-NGHIADO"])
        #expect(try JSONParser.parse(json.stdout)["moves"]?.arrayValue?.first?["to"]?["code"] == .string("LC"))
        let missing = try daemon.ctl(["history"])
        #expect(missing.status == 64, "\(missing.stderr)")
    }
}
