import DanvanShell
import Testing

/// Tab completion logic, without a terminal or a daemon.
@Suite struct CompleterTests {
    static let directory = UnitDirectory(units: [
        .init(code: "LC", name: "Lào Cai", level: "province", parent: nil),
        .init(code: "BY", name: "Bảo Yên", level: "district", parent: "LC"),
        .init(code: "BT", name: "Bảo Thắng", level: "district", parent: "LC"),
        .init(code: "SP", name: "Sa Pa", level: "district", parent: "LC"),
        .init(code: "SP-SAPA", name: "Sa Pa", level: "commune", parent: "SP"),
        .init(code: "BY-BAOHA", name: "Bảo Hà", level: "commune", parent: "BY"),
        .init(code: "SP-THANHBINH", name: "Thanh Bình", level: "commune", parent: "SP"),
        .init(code: "MK-THANHBINH", name: "Thanh Bình", level: "commune", parent: "MK"),
    ])
    let completer = Completer(units: { CompleterTests.directory }, campaigns: { ["NTM-2021", "XNT-2023"] })

    @Test func diacriticFreeNameCompletesToVietnamese() {
        let c = completer.complete("summary bao y")
        #expect(c == Completion(replace: 5, insertion: "Bảo Yên ", listing: []))
    }

    @Test func upperCaseNameCompletes() {
        #expect(completer.complete("units BAO YE").insertion == "Bảo Yên ")
    }

    @Test func sharedPrefixKeepsDiacritics() {
        let c = completer.complete("summary bao")
        #expect(c.insertion == "Bảo ")
        #expect(c.replace == 3)
    }

    @Test func ambiguousNameCompletesThenListsCodes() {
        let first = completer.complete("summary thanh b")
        #expect(first.insertion == "Thanh Bình")
        let second = completer.complete("summary Thanh Bình")
        #expect(second.replace == 0)
        #expect(second.listing.count == 2)
        #expect(second.listing.contains { $0.hasPrefix("MK-THANHBINH") })
    }

    @Test func commandsAndFlags() {
        #expect(completer.complete("summ").insertion == "summary ")
        #expect(completer.complete("summary LC --y").insertion == "--year ")
        #expect(completer.complete("").listing.contains("status"))
        #expect(completer.complete("\\wa").insertion == "\\watch ")
        #expect(completer.complete("read --type land.").insertion == "land.donated ")
        #expect(completer.complete("summary LC -o j").insertion == "json ")
    }

    @Test func watchCompletesItsCommand() {
        #expect(completer.complete("\\watch 5 summary bao y").insertion == "Bảo Yên ")
    }

    @Test func campaignIDsIgnoreCase() {
        #expect(completer.complete("campaign ntm").insertion == "NTM-2021 ")
    }
}
