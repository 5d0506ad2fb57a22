import DanvanDomain
import DanvanJSON
import Testing

@Suite struct VietnameseOrderTests {
    static func sorted(_ names: [String]) -> [String] {
        names.sorted { VietnameseOrder($0) < VietnameseOrder($1) }
    }

    @Test func lettersWithMarksAreLettersOfTheirOwn() {
        // The districts of Lào Cai as a Vietnamese reader lists them (folding put Bắc Hà first).
        #expect(Self.sorted(["Bắc Hà", "Bát Xát", "Bảo Yên", "Bảo Thắng"]) == ["Bảo Thắng", "Bảo Yên", "Bát Xát", "Bắc Hà"])
        #expect(Self.sorted(["ư", "u", "ơ", "ô", "o", "ê", "e", "đ", "d", "â", "ă", "a"]) == ["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"])
        #expect(Self.sorted(["Đồng Tuyển", "Duyên Hải", "Cốc San", "Cam Đường"]) == ["Cam Đường", "Cốc San", "Duyên Hải", "Đồng Tuyển"])
    }

    @Test func tonesDecideOnlyBetweenOtherwiseEqualNames() {
        #expect(Self.sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"])
        // A tone does not outweigh a later letter: "Bá Z" < "Ba Zz" only by letters.
        #expect(Self.sorted(["Ba Zz", "Bá Z"]) == ["Bá Z", "Ba Zz"])
        #expect(Self.sorted(["Sa Pả", "Sa Pa"]) == ["Sa Pa", "Sa Pả"])
    }

    @Test func composedAndDecomposedTextAndCaseOrderAlike() {
        #expect(VietnameseOrder("Bảo Yên") == VietnameseOrder("Ba\u{0309}o Y\u{00EA}n"))
        #expect(Self.sorted(["bảo yên", "Bảo Thắng"]) == ["Bảo Thắng", "bảo yên"])
        #expect(Self.sorted(["Thôn 10", "Thôn 2", "Thôn 1"]) == ["Thôn 1", "Thôn 2", "Thôn 10"])
    }

    @Test func theDaemonListsUnitsInThatOrder() throws {
        var ledger = try TestLedger.withUnits()
        for (code, name) in [("BT", "Bảo Thắng"), ("BHA", "Bắc Hà")] {
            try ledger.add("unit.registered", #"{"code":"\#(code)","name":"\#(name)","level":"district","parent":"LC"}"#)
        }
        let units = try ledger.projection.answer(.units(parent: "LC", scope: .year(nil)), today: Day(year: 2025, month: 1, day: 1))
        let names = (units["units"]?.arrayValue ?? []).compactMap { $0["unit"]?["name"]?.stringValue }
        #expect(names == ["Bảo Thắng", "Bảo Yên", "Bát Xát", "Bắc Hà"])
    }

    @Test func treeListsTheHierarchyDepthFirstWithoutFigures() throws {
        let ledger = try TestLedger.withUnits()
        let today = Day(year: 2025, month: 1, day: 1)
        let all = try ledger.projection.answer(.tree(unit: nil, depth: nil), today: today)
        let rows = all["units"]?.arrayValue ?? []
        #expect(rows.map { $0["code"]?.stringValue ?? "" } == ["LC", "BY", "BH", "BH-1", "KS", "BX", "BX-1"])
        #expect(rows.map { $0["depth"]?.int64Value ?? 0 } == [1, 2, 3, 4, 3, 2, 3])
        #expect(all["count"]?.int64Value == 7)
        #expect(rows.first?["landDonatedM2"] == nil)
        let by = try ledger.projection.answer(.tree(unit: "bao yen", depth: 1), today: today)
        #expect(by["unit"]?["code"]?.stringValue == "BY")
        #expect((by["units"]?.arrayValue ?? []).map { $0["code"]?.stringValue ?? "" } == ["BH", "KS"])
        #expect((by["units"]?.arrayValue ?? []).first?["children"]?.int64Value == 1)
    }
}
