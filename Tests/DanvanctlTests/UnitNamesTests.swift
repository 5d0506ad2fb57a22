import DanvanJSON
import Testing

/// Unit names as staff type them in danvanctl, on the sample province: a level word settles
/// which unit, a real tie lists how to say each, and `tree` shows names and codes.
@Suite struct UnitNamesTests {
    @Test func aLevelWordSaysWhichUnit() throws {
        let daemon = try Daemon()
        for (typed, code) in [("tỉnh Lào Cai", "LC"), ("xã Lào Cai", "TPLC-LAOCAI"), ("huyện Sa Pa", "SP"), ("Sa Pả", "SP-SAPA2")] {
            let r = try daemon.ctl(["-o", "json", "summary"] + typed.split(separator: " ").map(String.init))
            #expect(r.status == 0, "\(typed): \(r.stderr)")
            #expect(try JSONParser.parse(r.stdout)["unit"]?["code"]?.stringValue == code, "\(typed)")
        }
    }

    @Test func aRealTieListsHowToSayEach() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["-o", "table", "summary", "Lào", "Cai"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("say which, with its level word or its code:"), "\(r.stderr)")
        #expect(r.stderr.contains("LC           Lào Cai (province)  say: tỉnh Lào Cai"), "\(r.stderr)")
        #expect(r.stderr.contains("TPLC-LAOCAI  Lào Cai (commune in Thành phố Lào Cai)  say: xã Lào Cai"), "\(r.stderr)")
    }

    @Test func treeShowsTheOutlineWithCodes() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["-o", "table", "tree", "tỉnh", "Lào", "Cai", "--depth", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.dropFirst(2).prefix(4).map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["Bảo", "Bảo", "Bát", "Bắc"])
        #expect(r.stdout.contains("Thành phố Lào Cai  TPLC  district        21"), "\(r.stdout)")
        #expect(lines.last == "9 units under Lào Cai (LC), province")
        let nested = try daemon.ctl(["-o", "table", "tree", "BY-BAOHA"])
        #expect(nested.stdout.split(separator: "\n").count >= 4, "\(nested.stdout)")
        let csv = try daemon.ctl(["-o", "csv-keys", "tree", "BY", "--depth", "1"])
        #expect(csv.stdout.hasPrefix("code,name,level,parent,depth,children\nBY-BAOHA,Bảo Hà,commune,BY,1,"), "\(csv.stdout.prefix(200))")
    }

    /// A name with spaces in an append's FIELD=VALUE needs quotes: without them the shell says
    /// so; with them, the level word and the diacritics pick the unit stored.
    @Test func anAppendedNameWithSpaces() throws {
        let daemon = try Daemon()
        let loose = try daemon.ctl(["append", "labor.contributed", "unit=xã", "Sa", "Pả", "workdays=2", "contributedOn=2024-05-02"])
        #expect(loose.status == 64)
        #expect(loose.stderr.contains("a value with spaces goes in quotes: unit=\"xã Sa…\""), "\(loose.stderr)")
        let quoted = try daemon.ctl(["-o", "json", "append", "labor.contributed", "unit=xã Sa Pả", "workdays=2", "contributedOn=2024-05-02"])
        #expect(quoted.status == 0, "\(quoted.stderr)")
        let last = try daemon.ctl(["-o", "ndjson", "read", "--type", "labor.contributed", "--from", "8685"])
        #expect(last.stdout.contains(#""unit":"SP-SAPA2""#), "\(last.stdout)")
    }
}
