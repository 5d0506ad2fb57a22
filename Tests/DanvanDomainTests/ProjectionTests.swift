import DanvanDomain
import DanvanJSON
import Testing

@Suite struct ProjectionTests {
    @Test func figuresRollUpAndSplitByTheEventsOwnYear() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("land.donated", #"{"unit":"BH-1","households":2,"areaM2":100.25,"assetsVnd":5000000,"purpose":"road","donatedOn":"2022-12-31"}"#)
        try ledger.add("land.donated", #"{"unit":"KS","households":3,"areaM2":200.5,"purpose":"school","donatedOn":"2023-01-01"}"#)
        try ledger.add("land.donated", #"{"unit":"BX-1","households":1,"areaM2":7,"purpose":"road","donatedOn":"2023-05-05"}"#)
        let by = try ledger.summary("BY")
        #expect(by.number("landDonatedM2") == "300.75")
        #expect(by.number("donorHouseholds") == "5")
        #expect(by.number("assetsVnd") == "5000000")
        #expect(try ledger.summary("BY", year: 2022).number("landDonatedM2") == "100.25")
        #expect(try ledger.summary("BY", year: 2023).number("landDonatedM2") == "200.5")
        #expect(try ledger.summary("BY", year: 2021).number("landDonatedM2") == "0")
        #expect(try ledger.summary("LC").number("landDonatedM2") == "307.75")
        #expect(try ledger.summary().number("landDonatedM2") == "307.75")
        #expect(try ledger.summary("BH").number("landDonatedM2") == "100.25")
        #expect(try ledger.summary("BH-1").number("donorHouseholds") == "2")
    }

    @Test func worksFundsAndLabor() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("works.completed", #"{"unit":"BH","kind":"road","count":2,"lengthKm":1.25,"valueVnd":900,"completedOn":"2023-02-01"}"#)
        try ledger.add("works.completed", #"{"unit":"KS","kind":"road","count":1,"lengthKm":0.5,"completedOn":"2023-02-01"}"#)
        try ledger.add("works.completed", #"{"unit":"KS","kind":"house","count":4,"completedOn":"2023-02-01"}"#)
        try ledger.add("funds.contributed", #"{"unit":"KS","amountVnd":1500000,"source":"business","contributedOn":"2023-02-01"}"#)
        try ledger.add("labor.contributed", #"{"unit":"KS","workdays":10.5,"participants":7,"contributedOn":"2023-02-01"}"#)
        try ledger.add("labor.contributed", #"{"unit":"BH","workdays":0.25,"contributedOn":"2023-02-01"}"#)
        let s = try ledger.summary("BY")
        #expect(s.number("works.road.count") == "3")
        #expect(s.number("works.road.lengthKm") == "1.75")
        #expect(s.number("works.road.valueVnd") == "900")
        #expect(s.number("works.house.count") == "4")
        #expect(s.number("works.lighting.count") == "0")
        #expect(s.number("fundsVnd") == "1500000")
        #expect(s.number("workdays") == "10.75")
    }

    @Test func opinionsAreACohortOfTheDialoguesPeriod() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("dialogue.held", #"{"dialogue":"D1","unit":"BY","chair":"party_committee_head","format":"periodic","heldOn":"2022-11-01","topic":"t","opinions":[{"opinion":"1","text":"a"},{"opinion":"2","text":"b"},{"opinion":"3","text":"c"}]}"#)
        try ledger.add("dialogue.held", #"{"dialogue":"D2","unit":"BH","chair":"joint","format":"ad_hoc","heldOn":"2023-01-10","topic":"t","opinions":[{"opinion":"1","text":"a"}]}"#)
        // Answered in 2023: counts for 2022, the year the opinion was raised.
        try ledger.add("opinion.answered", #"{"dialogue":"D1","opinion":"1","answeredOn":"2023-02-01","answer":"x"}"#)
        try ledger.add("opinion.answered", #"{"dialogue":"D1","opinion":"2","answeredOn":"2022-12-01","answer":"y"}"#)
        let y2022 = try ledger.summary("BY", year: 2022)
        #expect(y2022.number("opinions.received") == "3")
        #expect(y2022.number("opinions.answered") == "2")
        #expect(y2022.number("opinions.answeredRate") == "0.6667")
        let y2023 = try ledger.summary("BY", year: 2023)
        #expect(y2023.number("opinions.received") == "1")
        #expect(y2023.number("opinions.answered") == "0")
        #expect(y2023.number("opinions.answeredRate") == "0")
        #expect(try ledger.summary("BY", year: 2024).at("opinions.answeredRate") == .null)
        let all = try ledger.summary("LC")
        #expect(all.number("dialogues.held") == "2")
        #expect(all.number("dialogues.periodic") == "1")
        #expect(all.number("dialogues.adHoc") == "1")
        #expect(all.number("opinions.answered") == "2")
    }

    @Test func openOpinionsWithTheirAge() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("dialogue.held", #"{"dialogue":"D1","unit":"BH","chair":"joint","format":"periodic","heldOn":"2024-12-01","topic":"t","opinions":[{"opinion":"1","text":"đường"},{"opinion":"2","text":"điện"}]}"#)
        try ledger.add("dialogue.held", #"{"dialogue":"D2","unit":"BX-1","chair":"joint","format":"periodic","heldOn":"2024-12-25","topic":"t","opinions":[{"opinion":"1","text":"nước"}]}"#)
        try ledger.add("opinion.answered", #"{"dialogue":"D1","opinion":"2","answeredOn":"2024-12-05","answer":"ok"}"#)
        let today = Day(year: 2025, month: 1, day: 1)
        let open = try ledger.projection.answer(.opinions(unit: nil, status: .open, olderThanDays: nil, limit: 10, scope: .all), today: today)
        let rows = open["opinions"]?.arrayValue ?? []
        #expect(rows.count == 2)
        #expect(rows.first?["ageDays"] == .number("31"))
        #expect(rows.first?["text"] == .string("đường"))
        let old = try ledger.projection.answer(.opinions(unit: "BY", status: .open, olderThanDays: 30, limit: 10, scope: .all), today: today)
        #expect(old["count"] == .number("1"))
        let answered = try ledger.projection.answer(.opinions(unit: nil, status: .answered, olderThanDays: nil, limit: 10, scope: .all), today: today)
        #expect(answered["opinions"]?.arrayValue?.first?["ageDays"] == .number("4"))
    }

    @Test func modelAdoptionCountsCommunesOnce() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("model.registered", #"{"model":"M1","unit":"BH","title":"a","field":"economy","registeredOn":"2022-01-01"}"#)
        try ledger.add("model.registered", #"{"model":"M2","unit":"BH-1","title":"b","field":"culture_society","registeredOn":"2023-01-01"}"#)
        try ledger.add("model.registered", #"{"model":"M3","unit":"BY","title":"c","field":"economy","registeredOn":"2023-01-01"}"#)
        let by = try ledger.summary("BY")
        #expect(by.number("models.total") == "3")
        #expect(by.number("models.byField.economy") == "2")
        #expect(by.number("models.communes") == "2")
        #expect(by.number("models.communesWithModels") == "1")
        #expect(by.number("models.adoptionRate") == "0.5")
        #expect(try ledger.summary("LC").number("models.adoptionRate") == "0.3333")
        #expect(try ledger.summary("BY", year: 2023).number("models.communesWithModels") == "1")
        #expect(try ledger.summary("BY", year: 2021).number("models.communesWithModels") == "0")
    }

    @Test func campaignsActiveAndClosedWithProgress() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("campaign.launched", #"{"campaign":"C1","title":"Đường","kind":"drive","unit":"BY","startedOn":"2022-03-01","targets":{"landM2":1000,"roadsKm":2}}"#)
        try ledger.add("campaign.launched", #"{"campaign":"C2","title":"Nhà","kind":"special_drive","unit":"LC","startedOn":"2023-01-01","targets":{"houses":10}}"#)
        try ledger.add("land.donated", #"{"unit":"BH","campaign":"C1","households":4,"areaM2":250,"purpose":"road","donatedOn":"2022-04-01"}"#)
        try ledger.add("works.completed", #"{"unit":"BH","campaign":"C1","kind":"road","count":1,"lengthKm":0.5,"completedOn":"2022-05-01"}"#)
        try ledger.add("works.completed", #"{"unit":"KS","campaign":"C2","kind":"house","count":3,"completedOn":"2023-05-01"}"#)
        try ledger.add("campaign.closed", #"{"campaign":"C1","closedOn":"2023-02-01"}"#)
        let lc = try ledger.summary("LC")
        #expect(lc.number("campaigns.launched") == "2")
        #expect(lc.number("campaigns.active") == "1")
        #expect(lc.number("campaigns.closed") == "1")
        let y2022 = try ledger.summary("LC", year: 2022)
        #expect(y2022.number("campaigns.launched") == "1")
        #expect(y2022.number("campaigns.active") == "0")
        #expect(y2022.number("campaigns.closed") == "0")
        #expect(try ledger.summary("LC", year: 2023).number("campaigns.closed") == "1")
        let c1 = try #require(try ledger.projection.answer(.campaign("C1", scope: .all), today: Day(year: 2025, month: 1, day: 1)).objectValue)
        #expect(c1.number("totals.landDonatedM2") == "250")
        #expect(c1.number("progress.landM2.ratio") == "0.25")
        #expect(c1.number("progress.roadsKm.achieved") == "0.5")
        #expect(c1.at("status") == .string("closed"))
        let active = try ledger.projection.answer(.campaigns(unit: "BY", status: .active, scope: .all), today: Day(year: 2025, month: 1, day: 1))
        #expect(active["count"] == .number("0"))
        #expect(throws: QueryError.self) { try ledger.projection.answer(.campaign("NOPE", scope: .all), today: Day(year: 2025, month: 1, day: 1)) }
    }

    /// Voiding any event restores every figure to what it was without it.
    @Test(arguments: [
        ("land.donated", #"{"unit":"BH","households":2,"areaM2":10,"purpose":"road","donatedOn":"2023-01-01","campaign":"C1"}"#),
        ("funds.contributed", #"{"unit":"BH","amountVnd":100,"source":"household","contributedOn":"2023-01-01","campaign":"C1"}"#),
        ("labor.contributed", #"{"unit":"BH","workdays":1.5,"contributedOn":"2023-01-01"}"#),
        ("works.completed", #"{"unit":"BH","kind":"road","count":1,"lengthKm":2,"completedOn":"2023-01-01"}"#),
        ("dialogue.held", #"{"dialogue":"D9","unit":"BH","chair":"joint","format":"ad_hoc","heldOn":"2023-01-01","topic":"t","opinions":[{"opinion":"1","text":"x"}]}"#),
        ("opinion.answered", #"{"dialogue":"D1","opinion":"1","answeredOn":"2023-02-01","answer":"y"}"#),
        ("model.registered", #"{"model":"M9","unit":"KS","title":"t","field":"economy","registeredOn":"2023-01-01"}"#),
        ("campaign.launched", #"{"campaign":"C9","title":"t","kind":"program","unit":"BH","startedOn":"2023-01-01"}"#),
        ("campaign.closed", #"{"campaign":"C1","closedOn":"2023-12-01"}"#),
    ])
    func voidingRestoresTheFigures(type: String, data: String) throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("campaign.launched", #"{"campaign":"C1","title":"t","kind":"drive","unit":"BY","startedOn":"2022-01-01"}"#)
        try ledger.add("dialogue.held", #"{"dialogue":"D1","unit":"BY","chair":"joint","format":"periodic","heldOn":"2023-01-01","topic":"t","opinions":[{"opinion":"1","text":"x"}]}"#)
        let queries: [Query] = [.summary(unit: "LC", scope: .year(nil)), .summary(unit: "BH", scope: .year(2023)), .campaign("C1", scope: .all),
                                .opinions(unit: nil, status: .open, olderThanDays: nil, limit: 100, scope: .all), .models(unit: nil, field: nil, scope: .all),
                                .campaigns(unit: nil, status: nil, scope: .all)]
        let today = Day(year: 2025, month: 1, day: 1)
        let before = try queries.map { try ledger.projection.answer($0, today: today) }
        let target = try #require(try ledger.add(type, data))
        let during = try queries.map { try ledger.projection.answer($0, today: today) }
        #expect(during != before, "the event must change some figure for this test to mean anything")
        try ledger.add("entry.voided", #"{"target":"\#(target.id)","reason":"wrong"}"#)
        let after = try queries.map { try ledger.projection.answer($0, today: today) }
        #expect(after == before)
    }

    @Test func unitsAreFoundByCodeOrNameWithoutDiacritics() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("unit.registered", #"{"code":"BX-2","name":"Bảo Hà","level":"commune","parent":"BX"}"#)
        let p = ledger.projection
        #expect(p.units[Int(try p.resolveUnit("bao yen"))].code == "BY")
        #expect(p.units[Int(try p.resolveUnit("BAO YEN"))].code == "BY")
        #expect(p.units[Int(try p.resolveUnit("Bảo Yên"))].code == "BY")
        #expect(p.units[Int(try p.resolveUnit("huyện Bảo Yên"))].code == "BY")
        #expect(p.units[Int(try p.resolveUnit("by"))].code == "BY")
        #expect(p.units[Int(try p.resolveUnit("kim son"))].code == "KS")
        do {
            _ = try p.resolveUnit("bao ha")
            Issue.record("two units are named Bảo Hà")
        } catch {
            #expect(error.code == "ambiguous")
            #expect(error.candidates.count == 2)
        }
        #expect(throws: QueryError.self) { try p.resolveUnit("Hà Nội") }
    }

    @Test func drillDownListsChildrenByName() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("land.donated", #"{"unit":"KS","households":1,"areaM2":3,"purpose":"road","donatedOn":"2023-01-01"}"#)
        let result = try ledger.projection.answer(.units(parent: "BY", scope: .year(nil)), today: Day(year: 2025, month: 1, day: 1))
        let rows = result["units"]?.arrayValue ?? []
        #expect(rows.map { $0["unit"]?["code"] } == [.string("BH"), .string("KS")])
        #expect(rows.last?["landDonatedM2"] == .number("3"))
        let provinces = try ledger.projection.answer(.units(parent: nil, scope: .year(nil)), today: Day(year: 2025, month: 1, day: 1))
        #expect(provinces["units"]?.arrayValue?.count == 1)
    }
}
